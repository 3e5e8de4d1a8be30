package dev.bbinv.enricher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.testkit.TestKafka;

/** Reads a topic from the beginning as a read_committed consumer, keeping everything it has seen. */
final class OutputCollector<K, V> implements AutoCloseable {
    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> seen = new ArrayList<>();

    OutputCollector(String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(cfg, keys, values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds for everything seen so far, or fails after {@code timeout}. */
    List<ConsumerRecord<K, V>> awaitUntil(Duration timeout, String what, Predicate<List<ConsumerRecord<K, V>>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; have " + seen.size() + " records");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    List<ConsumerRecord<K, V>> awaitCount(int count, Duration timeout) {
        return awaitUntil(timeout, count + " records", s -> s.size() >= count);
    }

    /** Everything up to now, after polling for {@code quiet} to catch stragglers (duplicates would show here). */
    List<ConsumerRecord<K, V>> drain(Duration quiet) {
        long end = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    int size() {
        consumer.poll(Duration.ZERO).forEach(seen::add);
        return seen.size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
