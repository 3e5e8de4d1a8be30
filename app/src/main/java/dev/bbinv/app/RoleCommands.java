package dev.bbinv.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.sink.SinkRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One role on its own, for scaling out on a real Kafka cluster; configured by {@code BBINV_*} variables and {@code --set}. */
final class RoleCommands {
    private RoleCommands() {}

    @Command(name = "connector", mixinStandardHelpOptions = true, description = "Runs the connector: polls Bitbucket, publishes raw events.")
    static final class Connector implements Callable<Integer> {
        @Option(names = "--profiles", required = true, paramLabel = "FILE", description = "The YAML profiles file.")
        Path profilesFile;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> settings = Settings.merge(Map.of(), System.getenv(), common.sets);
            return runUntilStopped(ConnectorRole.start(settings, ProfilesFile.load(profilesFile)));
        }
    }

    @Command(name = "enricher", mixinStandardHelpOptions = true, description = "Runs the enricher: raw events to inventory assets.")
    static final class Enricher implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws InterruptedException {
            return runUntilStopped(EnricherRole.start(Settings.merge(Map.of(), System.getenv(), common.sets)));
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true, description = "Runs the sink: inventory assets into the database, and the query API.")
    static final class Sink implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws InterruptedException {
            return runUntilStopped(SinkRole.start(Settings.merge(Map.of(), System.getenv(), common.sets)));
        }
    }

    private static int runUntilStopped(AutoCloseable role) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
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
