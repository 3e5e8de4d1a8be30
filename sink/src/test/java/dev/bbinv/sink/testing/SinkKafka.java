package dev.bbinv.sink.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.SinkConfig;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The sink's integration tests' side of Kafka: producing assets in the wire format, and checking positions. */
public final class SinkKafka implements AutoCloseable {
    public static final int PARTITIONS = 2;
    private static final List<String> TOPICS = List.of(Topics.REPOSITORIES, Topics.USERS);

    private final SchemaRegistryClient registry = TestRegistry.client();
    private final Serializer<String> keys = AvroSerdes.key(registry).serializer();
    private final Serializer<RepositoryAsset> repositories = AvroSerdes.value(RepositoryAsset.class, registry).serializer();
    private final Serializer<UserAsset> users = AvroSerdes.value(UserAsset.class, registry).serializer();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    public SinkKafka() {
        TestKafka.createTopics(List.of(new Topics.Spec(Topics.REPOSITORIES, PARTITIONS, true),
                new Topics.Spec(Topics.USERS, PARTITIONS, true), new Topics.Spec(Topics.DLQ, 1, false)));
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Keeps the order of one key's records even when a send is retried.
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    /** The sink's settings for this test broker and registry, a given database and consumer group, API off. */
    public static Map<String, Object> sinkConfig(String jdbcUrl, String groupId) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(SinkConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        cfg.put(SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, TestRegistry.url().toString());
        cfg.put(SinkConfig.JDBC_URL_CONFIG, jdbcUrl);
        cfg.put(SinkConfig.GROUP_ID_CONFIG, groupId);
        cfg.put(SinkConfig.API_ENABLED_CONFIG, "false");
        cfg.put(SinkConfig.POLL_TIMEOUT_MS_CONFIG, "100");
        cfg.put(SinkConfig.RETRY_BACKOFF_INITIAL_MS_CONFIG, "100");
        cfg.put(SinkConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
        // A killed sink's partitions move to its successor after this, instead of the default 45 s.
        cfg.put(SinkConfig.KAFKA_CLIENT_PREFIX + "session.timeout.ms", "6000");
        cfg.put(SinkConfig.KAFKA_CLIENT_PREFIX + "heartbeat.interval.ms", "1000");
        return cfg;
    }

    /** Sends without waiting; {@link #endOffsets} flushes first. */
    public void send(RepositoryAsset asset) {
        producer.send(new ProducerRecord<>(Topics.REPOSITORIES, keys.serialize(Topics.REPOSITORIES, asset.getId()),
                repositories.serialize(Topics.REPOSITORIES, asset)));
    }

    public void send(UserAsset asset) {
        producer.send(new ProducerRecord<>(Topics.USERS, keys.serialize(Topics.USERS, asset.getId()),
                users.serialize(Topics.USERS, asset)));
    }

    public void tombstone(String topic, String id) {
        producer.send(new ProducerRecord<>(topic, keys.serialize(topic, id), null));
    }

    public byte[] key(String topic, String id) {
        return keys.serialize(topic, id);
    }

    public byte[] value(RepositoryAsset asset) {
        return repositories.serialize(Topics.REPOSITORIES, asset);
    }

    /** Sends and waits for the broker's acknowledgement; returns the record's partition and offset. */
    public TopicPartitionOffset sendRaw(String topic, byte[] key, byte[] value) {
        try {
            var meta = producer.send(new ProducerRecord<>(topic, key, value)).get();
            return new TopicPartitionOffset(topic, meta.partition(), meta.offset());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }

    public void flush() {
        producer.flush();
    }

    /** Where one produced record landed. */
    public record TopicPartitionOffset(String topic, int partition, long offset) {}

    /** The end offset of every partition of the sink's topics. */
    public Map<TopicPartition, Long> endOffsets() {
        producer.flush();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : TOPICS) {
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                    admin.listOffsets(request).all().get().entrySet()) {
                out.put(e.getKey(), e.getValue().offset());
            }
            return out;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("listing end offsets failed", e);
        }
    }

    /** The offsets the database holds for every partition (0 where it holds none). */
    public static Map<TopicPartition, Long> databaseOffsets(Database db) {
        Map<String, Map<Integer, Long>> stored = new InventoryReader(db).offsets(TOPICS);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (String topic : TOPICS) {
            for (int p = 0; p < PARTITIONS; p++) {
                out.put(new TopicPartition(topic, p), stored.getOrDefault(topic, Map.of()).getOrDefault(p, 0L));
            }
        }
        return out;
    }

    /** Waits until the database's offsets reach the current end of both topics. */
    public void awaitCaughtUp(Database db, Duration timeout) {
        Map<TopicPartition, Long> end = endOffsets();
        Await.until(timeout, () -> "the database to reach " + end + ", it holds " + safeOffsets(db),
                () -> safeOffsets(db).equals(end));
    }

    private static Map<TopicPartition, Long> safeOffsets(Database db) {
        try {
            return databaseOffsets(db);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** The consumer group's committed offsets. */
    public Map<TopicPartition, Long> groupOffsets(String groupId) {
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet()) {
                if (e.getValue() != null) {
                    out.put(e.getKey(), e.getValue().offset());
                }
            }
            return out;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("reading offsets of group " + groupId + " failed", e);
        }
    }

    /** Moves an (empty) consumer group back to offset 0 everywhere. */
    public void rewindGroup(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        endOffsets().keySet().forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
        try {
            admin.alterConsumerGroupOffsets(groupId, zero).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("rewinding group " + groupId + " failed", e);
        }
    }

    /** The latest value per key of a topic as a read_committed consumer sees it now (null value: tombstone). */
    public static <V> Map<String, V> finalState(String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
        SchemaRegistryClient registry = TestRegistry.client();
        var keyDeserializer = AvroSerdes.key(registry).deserializer();
        Map<String, V> state = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readCommitted(topic, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            String key;
            V value;
            try {
                key = keyDeserializer.deserialize(topic, r.key());
                value = values.deserialize(topic, r.value());
            } catch (RuntimeException poison) {
                continue;
            }
            state.put(key, value);
        }
        return state;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
