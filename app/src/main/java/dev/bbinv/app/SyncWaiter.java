package dev.bbinv.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.bbinv.ops.ConsumerLagReader;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.Topics;

/**
 * Knows when one complete sync has reached the database: the connector has finished its first sync of every
 * profile, then the enricher and the sink have consumed everything committed to their input topics.
 */
final class SyncWaiter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncWaiter.class);
    /** How often the consumer lag is asked while waiting. */
    private static final Duration POLL = Duration.ofMillis(200);
    private SyncWaiter() {}

    static List<ProfileSync> awaitFirstSyncInDatabase(Pipeline pipeline, Map<String, Object> adminProperties, String sinkGroup,
                                                      Duration timeout) throws InterruptedException {
        List<ProfileSync> syncs = awaitConnector(pipeline, timeout);
        if (syncs.stream().anyMatch(s -> !s.ended())) {
            throw new IllegalStateException("the first sync did not finish within " + timeout);
        }
        awaitCaughtUp(pipeline, adminProperties, sinkGroup, timeout);
        return syncs;
    }

    /**
     * The connector's first sync of every profile, or, when {@code wait} passes first, what each profile's scopes have
     * done so far (profiles whose sync has not ended say so: {@link ProfileSync#ended()} is false).
     */
    static List<ProfileSync> awaitConnector(Pipeline pipeline, Duration wait) throws InterruptedException {
        LOG.info("Waiting for the connector's first complete sync of every profile");
        try {
            return pipeline.connector().firstCompleteSync().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the first sync failed", e.getCause());
        } catch (TimeoutException e) {
            LOG.warn("The connector's first sync did not end within {}", wait);
            return pipeline.connector().syncSoFar();
        }
    }

    /** Waits until the enricher and the sink have consumed everything committed to their input topics. */
    static void awaitCaughtUp(Pipeline pipeline, Map<String, Object> adminProperties, String sinkGroup, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LOG.info("Connector synced; waiting for the enricher and the sink to catch up");
        try (Admin admin = Admin.create(adminProperties)) {
            ConsumerLagReader lags = new ConsumerLagReader(admin, Duration.ofSeconds(20));
            List<String> raw = List.of(Topics.RAW_REPOSITORIES, Topics.RAW_USERS, Topics.RAW_CATALOG_FILES, Topics.LANGUAGE_TAGS,
                    Topics.RAW_COMMITS, Topics.REPOSITORY_CLASSES, Topics.REPOSITORY_TAGS);
            if (!lags.awaitCaughtUp(pipeline.enricher().applicationId(), raw, remaining(deadline), POLL)) {
                throw new IllegalStateException("the enricher did not catch up with the raw topics within " + timeout);
            }
            List<String> inventory = List.of(Topics.REPOSITORIES, Topics.USERS);
            if (!lags.awaitCaughtUp(sinkGroup, inventory, remaining(deadline), POLL)) {
                throw new IllegalStateException("the sink did not catch up with the inventory topics within " + timeout);
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
