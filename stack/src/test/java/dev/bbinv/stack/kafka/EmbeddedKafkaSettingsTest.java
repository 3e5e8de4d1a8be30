package dev.bbinv.stack.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaSettingsTest {
    @Test
    void theLogCleanersDedupeMapIsSizedForAProcessThatAlsoRunsThePipeline() {
        Properties p = EmbeddedKafka.serverProperties(Path.of("logs"), 9092, 9093);
        // Kafka's default is 128 MiB of heap, allocated whole and cleared before every cleaning pass.
        assertEquals(String.valueOf(32 * 1024 * 1024), p.getProperty("log.cleaner.dedupe.buffer.size"));
    }
}
