package dev.bbinv.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.enricher.EnricherReset;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.ops.ConsumerLagReader;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sink.SinkConfig;
import dev.bbinv.sink.SinkRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bbinv rebuild}: rebuilds the inventory from the raw topics and the tag topic without one request to
 * Bitbucket. Resets the enricher's Kafka Streams application (it must be stopped), reprocesses every input from
 * offset 0, and runs until the enricher and the sink have caught up; the rebuilt assets carry versions above
 * everything written before (the enricher's versions are at least the wall clock), so every consumer takes them.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuilds the inventory from the raw and tag topics (no Bitbucket requests). Stop the enricher first.")
final class RebuildCommand implements Callable<Integer> {
    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Longest wait for the reprocessing (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        Map<String, Object> settings = new LinkedHashMap<>(Settings.merge(Map.of(), System.getenv(), common.sets));
        EmbeddedStack stack = null;
        if (!Settings.has(settings, Settings.BOOTSTRAP)) {
            out.println("Starting the embedded stack in " + common.dataDir.toAbsolutePath() + " ...");
            stack = EmbeddedStack.start(common.dataDir, Ports.preferredOrAny(PipelineRunner.KAFKA_PORT),
                    Ports.preferredOrAny(PipelineRunner.REGISTRY_PORT), 3);
            settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
            settings.putIfAbsent(Settings.REGISTRY, stack.registryUrl());
        } else if (!Settings.has(settings, Settings.REGISTRY)) {
            throw new IllegalArgumentException(Settings.REGISTRY + " is required when " + Settings.BOOTSTRAP + " names an external broker");
        }
        settings.putIfAbsent(Settings.JDBC_URL, common.sqliteUrl());
        settings.putIfAbsent(EnricherConfig.STATE_DIR_CONFIG, common.dataDir.resolve("streams").toString());
        settings.putIfAbsent(SinkConfig.API_ENABLED_CONFIG, false);
        try {
            return rebuild(settings, Duration.ofMinutes(timeoutMinutes), out);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    static int rebuild(Map<String, Object> settings, Duration timeout, PrintStream out) throws InterruptedException {
        EnricherReset.Result reset = EnricherReset.reset(settings);
        out.println("Reset enricher application " + reset.applicationId() + ": offsets and internal topics "
                + reset.deletedTopics() + " deleted, local state wiped; reprocessing from offset 0 ...");
        long started = System.nanoTime();
        String sinkGroup = new SinkConfig(settings).groupId();
        try (SinkRole sink = SinkRole.start(settings); EnricherRole enricher = EnricherRole.start(settings);
             Admin admin = Admin.create(PipelineSettings.adminProperties(settings))) {
            ConsumerLagReader lags = new ConsumerLagReader(admin, Duration.ofSeconds(20));
            List<String> inputs = List.of(Topics.RAW_REPOSITORIES, Topics.RAW_USERS, Topics.RAW_CATALOG_FILES,
                    Topics.LANGUAGE_TAGS,
                    Topics.RAW_COMMITS, Topics.REPOSITORY_CLASSES, Topics.REPOSITORY_TAGS);
            if (!lags.awaitCaughtUp(enricher.applicationId(), inputs, timeout, Duration.ofMillis(200))) {
                throw new IllegalStateException("the enricher did not reprocess the raw topics within " + timeout);
            }
            if (!lags.awaitCaughtUp(sinkGroup, List.of(Topics.REPOSITORIES, Topics.USERS), timeout, Duration.ofMillis(200))) {
                throw new IllegalStateException("the sink did not catch up with the inventory topics within " + timeout);
            }
        }
        out.println("Rebuilt the inventory in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s; start the enricher again.");
        return 0;
    }
}
