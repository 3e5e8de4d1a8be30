package dev.bbinv.connector.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Reads the whole checkpoint topic (read_committed) once, at start, so the connector resumes where it committed; and
 * any other of our topics the same way ({@link #readTopic}). The timeout bounds a stall, not the whole read.
 */
public final class CheckpointReader {

    /** Feeds every committed checkpoint record, oldest first, to {@code sink}; returns how many were read. */
    public static long readAll(String bootstrapServers, Map<String, Object> clientOverrides,
            SchemaRegistryClient registry, Duration timeout, BiConsumer<String, ConnectorCheckpoint> sink) {
        return readTopic(Topics.CONNECTOR_CHECKPOINTS_TOPIC, bootstrapServers, clientOverrides, registry, timeout,
                sink);
    }

    /** Feeds every committed record of {@code topic}, oldest first per partition, to {@code sink}; returns how many. */
    public static <V extends SpecificRecord> long readTopic(TopicDescriptor<V> descriptor, String bootstrapServers,
            Map<String, Object> clientOverrides, SchemaRegistryClient registry, Duration timeout,
            BiConsumer<String, V> sink) {
        String topic = descriptor.name();
        Properties props = new Properties();
        props.putAll(clientOverrides);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bbinv-connector-read-" + UUID.randomUUID().toString().substring(0, 8));
        Deserializer<String> keys = descriptor.keyDeserializer(registry);
        Deserializer<V> values = descriptor.valueDeserializer(registry);
        // The timeout is for a read that stops moving (a broker gone), not for a long topic: a million repositories'
        // checkpoints take longer than any fixed bound on a busy machine, and every poll that brings records renews it.
        Instant deadline = Instant.now().plus(timeout);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: everything committed so far.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + topic + " made no progress for "
                            + timeout.toSeconds() + " s (" + count + " record(s) read)");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String key = keys.deserialize(record.topic(), record.key());
                    V value = record.value() == null ? null
                            : values.deserialize(record.topic(), record.value());
                    sink.accept(key, value);
                    count++;
                }
                if (!records.isEmpty()) {
                    deadline = Instant.now().plus(timeout);
                }
            }
        }
        return count;
    }

    private CheckpointReader() {}
}
