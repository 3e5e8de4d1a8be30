package dev.bbinv.connector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.PublishException;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/**
 * The publisher's rule on a real broker: a batch's events and its checkpoints are one transaction, so when the
 * checkpoint cannot be written none of the events becomes visible to a read_committed consumer.
 */
@Timeout(120)
class TransactionalPublisherIT {
    private static final ScanContext SCAN = new ScanContext("tx-rule", ServiceKind.CLOUD, "https://api.bitbucket.org/2.0",
            "PROJ", "scan-1");

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    /** Our registry, refusing only the checkpoint's schema: the batch fails after its events were sent. */
    private static SchemaRegistryClient refusingCheckpoints() {
        SchemaRegistryClient real = TestRegistry.client();
        return new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                if (subject.equals(Topics.CONNECTOR_CHECKPOINTS + "-value")) {
                    // An abort drops batches the producer has not sent yet: give its sender time to send the events,
                    // so the test sees them in the log, aborted, rather than never written.
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new SchemaRegistryException("refused by the test", 503, 50003);
                }
                return real.register(subject, schema);
            }

            @Override
            public Schema schemaById(int id) {
                return real.schemaById(id);
            }
        };
    }

    private static Batch page(String run, int events) {
        Batch batch = new Batch();
        for (int i = 0; i < events; i++) {
            batch.event(Topics.RAW_REPOSITORIES_TOPIC, key(run, i),
                    RawEvents.removedRepository(SCAN, "{" + run + "-" + i + "}", "repo-deleted", Instant.now()));
        }
        batch.checkpoint("tx-rule|repositories|PROJ|" + run, new ConnectorCheckpoint(CheckpointKind.ENTITY, "tx-rule",
                "repositories", "PROJ", null, new EntityProgress(run, null, "scan-1", null, null, null, null), null));
        return batch;
    }

    private static String key(String run, int i) {
        return Dialect.of(ServiceKind.CLOUD).assetId(SCAN.baseUrl(), "{" + run + "-" + i + "}");
    }

    private static Set<String> keys(List<? extends ConsumerRecord<String, ?>> records, String run) {
        return records.stream().map(ConsumerRecord::key).filter(k -> k.contains(run)).collect(Collectors.toSet());
    }

    @Test
    void aBatchWhoseCheckpointFailsMakesNoneOfItsEventsVisible() {
        String run = "run-" + UUID.randomUUID();
        try (TransactionalPublisher publisher = new TransactionalPublisher(TestKafka.bootstrapServers(),
                "tx-rule-" + UUID.randomUUID(), refusingCheckpoints(), Map.of())) {
            PublishException e = assertThrows(PublishException.class, () -> publisher.commit(page(run, 5)));
            assertTrue(e.getMessage().startsWith("transaction aborted"), e.getMessage());
        }
        var keyDeserializer = AvroSerdes.keyDeserializer(TestRegistry.client());
        assertEquals(5, keys(TopicReader.readUncommitted(Topics.RAW_REPOSITORIES, keyDeserializer,
                new ByteArrayDeserializer()), run).size(), "the events were sent before the checkpoint failed");
        assertEquals(Set.of(), keys(TopicReader.readCommitted(Topics.RAW_REPOSITORIES, keyDeserializer,
                new ByteArrayDeserializer()), run), "and aborted with it");
    }

    @Test
    void aBatchIsVisibleWholeEventsAndCheckpointTogether() {
        String run = "run-" + UUID.randomUUID();
        try (TransactionalPublisher publisher = new TransactionalPublisher(TestKafka.bootstrapServers(),
                "tx-rule-" + UUID.randomUUID(), TestRegistry.client(), Map.of())) {
            publisher.commit(page(run, 5));
        }
        var keyDeserializer = AvroSerdes.keyDeserializer(TestRegistry.client());
        assertEquals(5, keys(TopicReader.readCommitted(Topics.RAW_REPOSITORIES, keyDeserializer,
                new ByteArrayDeserializer()), run).size());
        assertEquals(Set.of("tx-rule|repositories|PROJ|" + run), keys(TopicReader.readCommitted(
                Topics.CONNECTOR_CHECKPOINTS, keyDeserializer, new ByteArrayDeserializer()), run));
    }
}
