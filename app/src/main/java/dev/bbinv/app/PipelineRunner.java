package dev.bbinv.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.app.status.OpsService;
import dev.bbinv.app.status.ProgressReporter;
import dev.bbinv.app.status.SyncProgress;
import dev.bbinv.connector.ProfilesFileWatcher;
import dev.bbinv.connector.config.ConnectorConfig;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.ops.OpsConfig;
import dev.bbinv.sink.SinkConfig;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.sink.db.UserQuery;

/**
 * Runs the whole pipeline for {@code demo} and {@code run}: the embedded stack where no external one is named,
 * the three roles, a summary once the first sync is in the database, then either exit ({@code --once}) or run
 * until Ctrl-C.
 */
final class PipelineRunner {
    static final int KAFKA_PORT = 9092;
    static final int REGISTRY_PORT = 8081;
    static final int API_PORT = 8088;
    static final int OPS_PORT = OpsConfig.DEFAULT_PORT;

    private PipelineRunner() {}

    /**
     * @param profilesFile the file {@code profiles} came from: its edits are applied while running
     * @param env          the {@code ${VAR}} values for that file
     */
    static int run(CommonOptions common, Map<String, Object> given, List<Profile> profiles, Path profilesFile,
                   Map<String, String> env, OnceOptions once, String estateDescription) throws InterruptedException {
        PrintStream out = System.out;
        Map<String, Object> settings = new LinkedHashMap<>(given);
        EmbeddedStack stack = null;
        if (!Settings.has(settings, Settings.BOOTSTRAP)) {
            out.println("Starting the embedded stack (Kafka in KRaft mode, schema registry) in " + common.dataDir.toAbsolutePath() + " ...");
            stack = EmbeddedStack.start(common.dataDir, Ports.preferredOrAny(KAFKA_PORT),
                    Ports.preferredOrAny(REGISTRY_PORT), 3);
            settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
            settings.putIfAbsent(Settings.REGISTRY, stack.registryUrl());
        } else if (!Settings.has(settings, Settings.REGISTRY)) {
            throw new IllegalArgumentException(Settings.REGISTRY + " is required when " + Settings.BOOTSTRAP + " names an external broker");
        }
        settings.putIfAbsent(Settings.JDBC_URL, common.sqliteUrl());
        settings.putIfAbsent(EnricherConfig.STATE_DIR_CONFIG, common.dataDir.resolve("streams").toString());
        settings.putIfAbsent(SinkConfig.API_PORT_CONFIG, Ports.preferredOrAny(API_PORT));
        settings.putIfAbsent(OpsConfig.HTTP_PORT_CONFIG, Ports.preferredOrAny(OPS_PORT));

        Shutdown shutdown = new Shutdown();
        shutdown.onStop(stack == null ? () -> { } : closeStack(common, stack));
        try {
            Pipeline pipeline = Pipeline.start(settings, profiles);
            shutdown.onStop(pipeline::close);
            if (!once.once) {
                ProfilesFileWatcher watcher = ProfilesFileWatcher.start(profilesFile,
                        new ConnectorConfig(settings).profilesFileCheck(), pipeline.connector(), env).onSighup();
                shutdown.onStop(watcher::close);
            }
            OpsService ops = OpsService.start(settings, new OpsService.Roles(pipeline.connector(), profiles,
                    pipeline.enricher(), pipeline.sink()));
            shutdown.onStop(ops::close);
            RoleSupervisor supervisor = RoleSupervisor.start(List.of(
                    new RoleSupervisor.Watched("connector", pipeline.connector()::stoppedForGood),
                    new RoleSupervisor.Watched("enricher", pipeline.enricher()::stoppedForGood),
                    new RoleSupervisor.Watched("sink", pipeline.sink()::stoppedForGood)),
                    RoleCommands.SUPERVISION_INTERVAL, RoleSupervisor.SYSTEM_EXIT);
            shutdown.onStop(supervisor::close);
            if (stack != null) {
                LocalEndpoints.write(common.dataDir, Map.of(Settings.BOOTSTRAP, settings.get(Settings.BOOTSTRAP),
                        Settings.REGISTRY, settings.get(Settings.REGISTRY), Settings.JDBC_URL, settings.get(Settings.JDBC_URL),
                        StatusCommand.OPS_URL_KEY, ops.uri()));
            }
            pipeline.sink().apiUri().ifPresent(uri -> out.println("Inventory web page: " + uri + "/"));
            out.println("Syncing " + profiles.size() + " profile(s)" + (estateDescription == null ? "" : " from " + estateDescription) + " ...");
            String sinkGroup = new SinkConfig(settings).groupId();
            List<ProfileSync> syncs;
            long started = System.nanoTime();
            try (ProgressReporter progress = ProgressReporter.start(
                    () -> SyncProgress.line(ops.pipelineStatus(), pipeline.sink().stats().recordsApplied(),
                            Duration.ofNanos(System.nanoTime() - started)),
                    System.console() != null ? out : null, System.console() != null ? Duration.ofSeconds(1) : Duration.ofSeconds(10))) {
                syncs = SyncWaiter.awaitConnector(pipeline, once.wait);
                boolean ended = syncs.stream().allMatch(ProfileSync::ended);
                if (!ended && once.once) {
                    // Stop polling, so that what was published before the wait ran out can be caught up with.
                    pipeline.connector().close();
                }
                if (ended || once.once) {
                    SyncWaiter.awaitCaughtUp(pipeline, PipelineSettings.adminProperties(settings), sinkGroup,
                            Pipeline.DEFAULT_SYNC_TIMEOUT);
                }
            }
            printSummary(out, pipeline, ops, syncs, settings, once);
            if (once.once) {
                return SyncReport.exitCode(syncs);
            }
            out.println("Running; press Ctrl-C to stop.");
            shutdown.awaitSignal();
            return 0;
        } finally {
            shutdown.run();
        }
    }

    private static Runnable closeStack(CommonOptions common, EmbeddedStack stack) {
        return () -> {
            LocalEndpoints.delete(common.dataDir);
            stack.close();
        };
    }

    private static long countRepositories(InventoryReader reader, RemovedFilter filter) {
        return reader.repositories(new RepositoryQuery(null, null, null, null, null, null, null, filter, null,
                RepositorySort.NAME, false, 1, 0, null)).total();
    }

    private static void printSummary(PrintStream out, Pipeline pipeline, OpsService ops, List<ProfileSync> syncs,
                                     Map<String, Object> settings, OnceOptions once) {
        InventoryReader reader = new InventoryReader(pipeline.sink().database());
        long repositories = countRepositories(reader, RemovedFilter.ANY);
        long removed = countRepositories(reader, RemovedFilter.REMOVED_ONLY);
        long users = reader.users(new UserQuery(null, RemovedFilter.ANY, null, 1, 0, null)).total();
        out.println();
        SyncReport.lines(syncs, once.wait, once.once).forEach(out::println);
        out.println("  repositories in the inventory: " + repositories + " (" + removed + " removed)");
        out.println("  users in the inventory:        " + users);
        out.println("  inventory database:            "
                + PipelineSettings.withoutCredentials(String.valueOf(settings.get(Settings.JDBC_URL))));
        pipeline.sink().apiUri().ifPresent(uri -> {
            out.println("  inventory web page:            " + uri + "/");
            out.println("  query API:                     " + uri + "/repositories");
        });
        out.println("  metrics and status:            " + ops.uri() + "/metrics, " + ops.uri() + "/status");
        out.println("  Kafka bootstrap servers:       " + settings.get(Settings.BOOTSTRAP));
        out.println("  schema registry:               "
                + PipelineSettings.withoutCredentials(String.valueOf(settings.get(Settings.REGISTRY))));
        out.println();
    }
}
