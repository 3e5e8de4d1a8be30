package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.testkit.TestRegistry;

/** Records of the inventory topics, written by our serdes through the test registry, decoded into changes. */
class RecordDecodingTest {
    private final SchemaRegistryClient registry = TestRegistry.client();
    private final RecordDecoder decoder = new RecordDecoder(registry);

    private ConsumerRecord<byte[], byte[]> record(String topic, String key, Object value, long offset) {
        byte[] k = key == null ? null : AvroSerdes.keySerializer(registry).serialize(topic, key);
        byte[] v = value instanceof RepositoryAsset r
                ? AvroSerdes.valueSerializer(RepositoryAsset.class, registry).serialize(topic, r)
                : value instanceof UserAsset u ? AvroSerdes.valueSerializer(UserAsset.class, registry).serialize(topic, u)
                : null;
        return new ConsumerRecord<>(topic, 2, offset, k, v);
    }

    @Test
    void upsertsAndTombstonesOfBothTopicsBecomeTheirChanges() {
        RepositoryAsset repo = Fixtures.repository(4, 2).build();
        UserAsset user = Fixtures.user(5, 3).build();

        assertEquals(new Change.RepositoryUpsert(Topics.REPOSITORIES, 2, 10, Fixtures.record(repo)),
                decoder.decode(record(Topics.REPOSITORIES, repo.getId(), repo, 10)));
        assertEquals(new Change.RepositoryDelete(Topics.REPOSITORIES, 2, 11, repo.getId()),
                decoder.decode(record(Topics.REPOSITORIES, repo.getId(), null, 11)));
        assertEquals(new Change.UserUpsert(Topics.USERS, 2, 12, Fixtures.record(user)),
                decoder.decode(record(Topics.USERS, user.getId(), user, 12)));
        assertEquals(new Change.UserDelete(Topics.USERS, 2, 13, user.getId()),
                decoder.decode(record(Topics.USERS, user.getId(), null, 13)));
    }

    @Test
    void aRecordWithoutKeyOrFromAnotherTopicIsPoison() {
        RepositoryAsset repo = Fixtures.repository(4, 2).build();
        assertEquals("record has no key; inventory records are keyed by asset id",
                assertThrows(RecordDecoder.PoisonRecordException.class,
                        () -> decoder.decode(record(Topics.REPOSITORIES, null, repo, 1))).getMessage());
        assertEquals("the sink does not read topic elsewhere",
                assertThrows(RecordDecoder.PoisonRecordException.class,
                        () -> decoder.decode(record("elsewhere", "k", null, 1))).getMessage());
        assertEquals("record key 'cloud:other' differs from the asset id '" + repo.getId() + "'",
                assertThrows(RecordDecoder.PoisonRecordException.class,
                        () -> decoder.decode(record(Topics.REPOSITORIES, "cloud:other", repo, 1))).getMessage());
    }

    @Test
    void a5xxIsTransientFromTheFirstServerErrorAndA4xxIsNot() {
        assertTrue(RecordDecoder.registryUnreachable(new SerializationException("x",
                new SchemaRegistryException("boom", 500, -1))));
        assertFalse(RecordDecoder.registryUnreachable(new SerializationException("x",
                new SchemaRegistryException("no", 499, -1))));
    }

    @Test
    void backoffStartsAtTheInitialDelayCappedByTheMaximum() {
        assertEquals(Duration.ofMillis(300), Backoff.delay(1, Duration.ofMillis(500), Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(300), Backoff.delay(1, Duration.ofMillis(300), Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(0), Backoff.delay(0, Duration.ofMillis(0), Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(400), Backoff.delay(2, Duration.ofMillis(200), Duration.ofMillis(400)));
        assertEquals(Duration.ofMillis(400), Backoff.delay(3, Duration.ofMillis(200), Duration.ofMillis(400)));
    }
}
