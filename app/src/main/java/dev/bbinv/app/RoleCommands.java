package dev.bbinv.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.bbinv.app.status.OpsService;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.ProfilesFileWatcher;
import dev.bbinv.connector.config.ConnectorConfig;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.ops.OpsConfig;
import dev.bbinv.sink.SinkRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One role on its own, for scaling out on a real Kafka cluster; configured by {@code BBINV_*} variables and {@code --set}. */
final class RoleCommands {
    static final java.time.Duration SUPERVISION_INTERVAL = java.time.Duration.ofSeconds(1);
    /**
     * Each role's own default metrics/status port, so the three run side by side on one host (and next to a
     * {@code demo} or {@code run} on 9464); {@code ops.http.port} still sets it.
     */
    static final Map<String, Integer> DEFAULT_OPS_PORTS = Map.of("connector", 9465, "enricher", 9466, "sink", 9467);

    private RoleCommands() {}

    @Command(name = "connector", mixinStandardHelpOptions = true, description = "Runs the connector: polls Bitbucket, publishes raw events.")
    static final class Connector implements Callable<Integer> {
        @Option(names = "--profiles", required = true, paramLabel = "FILE", description = "The YAML profiles file.")
        Path profilesFile;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> settings = Settings.merge(Map.of(OpsConfig.HTTP_PORT_CONFIG,
                    DEFAULT_OPS_PORTS.get("connector")), System.getenv(), common.sets);
            List<Profile> profiles = ProfilesFile.load(profilesFile);
            ConnectorRole role = ConnectorRole.start(settings, profiles);
            ProfilesFileWatcher.start(profilesFile, new ConnectorConfig(settings).profilesFileCheck(), role).onSighup();
            return runUntilStopped(role, withOps(settings, role, r -> new OpsService.Roles(r, profiles, null, null)),
                    new RoleSupervisor.Watched("connector", role::stoppedForGood));
        }
    }

    @Command(name = "enricher", mixinStandardHelpOptions = true, description = "Runs the enricher: raw events to inventory assets.")
    static final class Enricher implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> settings = Settings.merge(Map.of(OpsConfig.HTTP_PORT_CONFIG,
                    DEFAULT_OPS_PORTS.get("enricher")), System.getenv(), common.sets);
            EnricherRole role = EnricherRole.start(settings);
            return runUntilStopped(role, withOps(settings, role, r -> new OpsService.Roles(null, null, r, null)),
                    new RoleSupervisor.Watched("enricher", role::stoppedForGood));
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true, description = "Runs the sink: inventory assets into the database, and the query API.")
    static final class Sink implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> settings = Settings.merge(Map.of(OpsConfig.HTTP_PORT_CONFIG,
                    DEFAULT_OPS_PORTS.get("sink")), System.getenv(), common.sets);
            SinkRole role = SinkRole.start(settings);
            return runUntilStopped(role, withOps(settings, role, r -> new OpsService.Roles(null, null, null, r)),
                    new RoleSupervisor.Watched("sink", role::stoppedForGood));
        }
    }

    /** Starts the role's metrics and status endpoint; stops the role if that fails (e.g. the port is taken). */
    private static <R extends AutoCloseable> OpsService withOps(Map<String, Object> settings, R role,
                                                               Function<R, OpsService.Roles> roles) {
        try {
            return OpsService.start(settings, roles.apply(role));
        } catch (RuntimeException e) {
            try {
                role.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static int runUntilStopped(AutoCloseable role, OpsService ops, RoleSupervisor.Watched watched)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        RoleSupervisor supervisor = RoleSupervisor.start(List.of(watched), SUPERVISION_INTERVAL,
                RoleSupervisor.SYSTEM_EXIT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                supervisor.close();
                ops.close();
                role.close();
            } catch (Exception e) {
                System.err.println("bbinv: stopping failed: " + Errors.describe(e));
            } finally {
                stopped.countDown();
            }
        }, "bbinv-shutdown"));
        stopped.await();
        return 0;
    }
}
