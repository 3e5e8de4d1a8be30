package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.sink.testing.SinkKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The sink role on a real broker writing to a real PostgreSQL. */
class SinkPostgresIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aRowPostgresqlRefusesGoesToTheDlqAndTheRestOfItsBatchIsWritten() {
        String run = UUID.randomUUID().toString();
        RepositoryAsset good = Fixtures.cloudRepository(run + "-good", "good", 1).build();
        // PostgreSQL text cannot hold U+0000; SQLite can. Bitbucket does not forbid it in a description.
        RepositoryAsset refused = Fixtures.cloudRepository(run + "-nul", "nul", 1).setDescription("a\u0000b").build();
        RepositoryAsset after = Fixtures.cloudRepository(run + "-after", "after", 1).build();
        Map<String, Object> config;
        try (SinkKafka kafka = new SinkKafka()) {
            kafka.send(good);
            kafka.send(refused);
            kafka.send(after);
            config = SinkKafka.sinkConfig(TestDatabases.postgresUrl(), "sink-pg-" + run);
            config.put(SinkConfig.JDBC_USER_CONFIG, "postgres");
            try (SinkRole sink = SinkRole.start(config)) {
                kafka.awaitCaughtUp(sink.database(), TIMEOUT);
                InventoryReader reader = new InventoryReader(sink.database());

                assertEquals(Fixtures.record(good), reader.repository(good.getId()).orElseThrow());
                assertEquals(Fixtures.record(after), reader.repository(after.getId()).orElseThrow());
                assertTrue(reader.repository(refused.getId()).isEmpty());
                assertTrue(sink.stats().deadLettered() >= 1);
            }
        }
        List<ConsumerRecord<String, DeadLetter>> dlq = TopicReader.readCommitted(Topics.DLQ,
                AvroSerdes.key(TestRegistry.client()).deserializer(),
                AvroSerdes.value(DeadLetter.class, TestRegistry.client()).deserializer());
        DeadLetter letter = dlq.stream().filter(r -> refused.getId().equals(r.key())).map(ConsumerRecord::value)
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + refused.getId()));
        assertTrue(letter.getReason().startsWith("rejected: the inventory database refused it: "), letter.getReason());
        assertEquals("sink", letter.getStage());
    }
}
