package dev.bbinv.enricher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;

/**
 * What {@code bbinv ... --once} does twice on one data folder: start, sync, stop, start again. With the consumer
 * group's default 45 s session, a stop must not leave a member behind for the next start to wait for.
 */
class EnricherRestartIT {
    private static final Duration QUICK = Duration.ofSeconds(15);

    private final String applicationId = "enricher-restart-it-" + UUID.randomUUID();

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(2));
    }

    /** One application id and state directory for both starts, as in one data folder. */
    private static Map<String, Object> config(String applicationId) throws Exception {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        cfg.put("schema.registry.url", TestRegistry.url().toString());
        cfg.put("application.id", applicationId);
        cfg.put("state.dir", Files.createTempDirectory("enricher-restart-it").toString());
        cfg.put("replication.factor", 1);
        // No session.timeout.ms override: the default (45 s) is what made every second run wait.
        return cfg;
    }

    @Test
    void aRestartOnTheSameStateIsRunningAndStopsWithinSeconds() throws Exception {
        Map<String, Object> cfg = config(applicationId + "-a");

        EnricherRole first = EnricherRole.start(cfg);
        assertTrue(first.awaitRunning(Duration.ofSeconds(60)), "the first start is running");
        first.close();
        assertEquals(KafkaStreams.State.NOT_RUNNING, first.state());

        long startedAt = System.nanoTime();
        EnricherRole second = EnricherRole.start(cfg);
        try {
            // Without leaving the group on close, this join waits for the first start's member to time out.
            assertTrue(second.awaitRunning(QUICK), "the restart is running within " + QUICK + ", state "
                    + second.state() + " after " + Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms");
        } finally {
            long closeAt = System.nanoTime();
            second.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - closeAt);
            assertEquals(KafkaStreams.State.NOT_RUNNING, second.state());
            assertTrue(closing.compareTo(Duration.ofSeconds(10)) < 0, "the restart stopped in " + closing);
        }
    }

    @Test
    void aStopDuringTheStartsRebalanceEndsWithinSeconds() throws Exception {
        Map<String, Object> cfg = config(applicationId + "-b");

        EnricherRole first = EnricherRole.start(cfg);
        assertTrue(first.awaitRunning(Duration.ofSeconds(60)), "the first start is running");
        first.close();

        // The demo's second run: the sync finds nothing new and the stop comes right after the start.
        EnricherRole second = EnricherRole.start(cfg);
        Thread.sleep(2_000);
        long closeAt = System.nanoTime();
        second.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - closeAt);
        assertEquals(KafkaStreams.State.NOT_RUNNING, second.state());
        assertTrue(closing.compareTo(Duration.ofSeconds(10)) < 0, "the restart stopped in " + closing);
    }
}
