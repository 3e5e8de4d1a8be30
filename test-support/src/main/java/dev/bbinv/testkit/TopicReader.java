package dev.bbinv.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a whole topic as a {@code read_committed} consumer would see it, up to its current end. */
public final class TopicReader {

    public static <K, V> List<ConsumerRecord<K, V>> readCommitted(String topic, Deserializer<K> keys, Deserializer<V> values) {
        return read(topic, keys, values, "read_committed");
    }

    /** Every record of {@code topic}, also those of open and aborted transactions. */
    public static <K, V> List<ConsumerRecord<K, V>> readUncommitted(String topic, Deserializer<K> keys,
            Deserializer<V> values) {
        return read(topic, keys, values, "read_uncommitted");
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String topic, Deserializer<K> keys, Deserializer<V> values,
            String isolation) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(cfg, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map((PartitionInfo p) -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<K, V>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!reached(consumer, end)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private TopicReader() {}
}
