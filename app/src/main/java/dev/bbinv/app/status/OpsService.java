package dev.bbinv.app.status;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.ops.Metrics;
import dev.bbinv.ops.OpsConfig;
import dev.bbinv.ops.OpsHttpServer;
import dev.bbinv.ops.PipelineStatus;
import dev.bbinv.ops.PipelineStatusException;
import dev.bbinv.ops.PipelineGauges;
import dev.bbinv.ops.PipelineStatusReader;
import dev.bbinv.ops.StatusDocument;
import dev.bbinv.sink.SinkConfig;
import dev.bbinv.sink.SinkRole;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.sink.db.UserQuery;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics and status endpoint of one bbinv process: binds the meters of whichever roles it runs, and answers
 * {@code /status} with the profiles' states (when it runs the connector) and the pipeline read from Kafka.
 */
public final class OpsService implements AutoCloseable {
    /** How long one read of the topics and lags serves the gauges: scrapes every few seconds cost Kafka nothing more. */
    private static final java.time.Duration GAUGE_MAX_AGE = java.time.Duration.ofSeconds(5);
    private final PrometheusMeterRegistry registry;
    private final Admin admin;
    private final OpsHttpServer server;
    private final PipelineStatusReader reader;

    private OpsService(PrometheusMeterRegistry registry, Admin admin, OpsHttpServer server, PipelineStatusReader reader) {
        this.reader = reader;
        this.registry = registry;
        this.admin = admin;
        this.server = server;
    }

    /** The roles this process runs; any of them may be null. */
    public record Roles(ConnectorRole connector, List<Profile> profiles, EnricherRole enricher, SinkRole sink) {}

    /**
     * Starts serving on {@code ops.http.bind.address:ops.http.port}; Kafka client settings ({@code kafka.client.*})
     * apply to the Admin client that reads the pipeline status.
     */
    public static OpsService start(Map<String, ?> settings, Roles roles) {
        OpsConfig cfg = new OpsConfig(settings);
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        if (roles.enricher() != null) {
            roles.enricher().bindMetrics(registry);
        }
        if (roles.sink() != null) {
            roles.sink().bindMetrics(registry);
        }
        if (roles.connector() != null) {
            roles.connector().bindMetrics(registry);
        }
        Map<String, Object> adminProps = PipelineSettings.adminProperties(settings);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "bbinv-ops");
        Admin admin = Admin.create(adminProps);
        String enricherId = roles.enricher() != null ? roles.enricher().applicationId()
                : valueOr(settings, EnricherConfig.APPLICATION_ID_CONFIG, "bbinv-enricher");
        String sinkGroup = valueOr(settings, SinkConfig.GROUP_ID_CONFIG, "bbinv-sink");
        PipelineStatusReader reader = PipelineStatusReader.forPipeline(admin, enricherId, sinkGroup);
        PipelineGauges.bind(registry, reader, GAUGE_MAX_AGE);

        FirstSyncWatch watch = FirstSyncWatch.of(roles.connector());
        BooleanSupplier healthy = () -> (roles.sink() == null || roles.sink().isRunning())
                && (roles.enricher() == null || roles.enricher().state().isRunningOrRebalancing()
                    || roles.enricher().state() == org.apache.kafka.streams.KafkaStreams.State.CREATED);
        try {
            OpsHttpServer server = OpsHttpServer.start(cfg.httpBindAddress(), cfg.httpPort(), cfg.httpToken(), registry,
                    () -> document(reader, roles, watch), healthy);
            if (roles.connector() != null) {
                server.serveProfileControl(new ProfileControl(roles.connector()), cfg.httpToken());
            }
            if (roles.sink() != null) {
                // The web page's integrations view reads the same document from the API's port, behind its token.
                roles.sink().serveStatus(() -> document(reader, roles, watch));
            }
            return new OpsService(registry, admin, server, reader);
        } catch (RuntimeException e) {
            admin.close();
            registry.close();
            throw e;
        }
    }

    private static String valueOr(Map<String, ?> settings, String key, String otherwise) {
        Object v = settings.get(key);
        return v == null || v.toString().isBlank() ? otherwise : v.toString();
    }

    private static Map<String, Object> document(PipelineStatusReader reader, Roles roles, FirstSyncWatch watch) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (roles.connector() != null) {
            Map<String, ProfileStatuses.Counts> counts = new HashMap<>();
            if (roles.sink() != null) {
                InventoryReader inventory = new InventoryReader(roles.sink().database());
                for (Profile p : roles.connector().profiles()) {
                    counts.put(p.name(), countsOf(inventory, p.name()));
                }
            }
            List<dev.bbinv.connector.poll.ProfileState> states = roles.connector().profileStates();
            doc.put("profilesConnected", ProfileStatuses.connected(states));
            doc.put("profiles", ProfileStatuses.of(states, watch.completedAt(), counts));
        } else {
            doc.put("profilesUnavailable", "this process runs no connector");
        }
        try {
            doc.put("pipeline", StatusDocument.pipeline(reader.read()));
        } catch (PipelineStatusException e) {
            doc.put("pipelineUnavailable", e.getMessage());
        }
        return doc;
    }

    private static ProfileStatuses.Counts countsOf(InventoryReader inventory, String profile) {
        long repositories = inventory.repositories(new RepositoryQuery(null, null, null, null, null, null, profile,
                RemovedFilter.PRESENT_ONLY, null, RepositorySort.NAME, false, 1, 0, null)).total();
        long removedRepositories = inventory.repositories(new RepositoryQuery(null, null, null, null, null, null,
                profile, RemovedFilter.REMOVED_ONLY, null, RepositorySort.NAME, false, 1, 0, null)).total();
        long users = inventory.users(new UserQuery(profile, RemovedFilter.PRESENT_ONLY, null, 1, 0, null)).total();
        long removedUsers = inventory.users(new UserQuery(profile, RemovedFilter.REMOVED_ONLY, null, 1, 0, null)).total();
        return new ProfileStatuses.Counts(repositories, users, removedRepositories + removedUsers);
    }

    /** The pipeline as Kafka shows it now. @throws PipelineStatusException when Kafka does not answer */
    public PipelineStatus pipelineStatus() {
        return reader.read();
    }

    public URI uri() {
        return server.uri();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.close();
        admin.close();
        registry.close();
    }

    /** Remembers when this process saw the connector's first sync of every profile complete. */
    private static final class FirstSyncWatch {
        private final AtomicReference<Instant> completedAt = new AtomicReference<>();

        static FirstSyncWatch of(ConnectorRole connector) {
            FirstSyncWatch w = new FirstSyncWatch();
            if (connector != null) {
                connector.firstCompleteSync().thenAccept(syncs -> w.completedAt.set(Clock.systemUTC().instant()));
            }
            return w;
        }

        Instant completedAt() {
            return completedAt.get();
        }
    }
}
