package dev.bbinv.app;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.bbinv.testkit.Await;

/**
 * Writes the state log compaction converges to, directly (the issue allows it; the broker's cleaner runs on its own
 * schedule): per partition, the last record of each key, in offset order, into the topic recreated empty.
 */
final class DirectCompaction {
    private DirectCompaction() {}

    /** Compacts {@code topic}; returns {before, after} record counts. */
    static long[] compact(String bootstrap, String topic) throws Exception {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> survivors = new LinkedHashMap<>();
        long before = 0;
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            for (int p = 0; p < partitions; p++) {
                Map<ByteBuffer, ConsumerRecord<byte[], byte[]>> last = new LinkedHashMap<>();
                List<ConsumerRecord<byte[], byte[]>> all = read(bootstrap, new TopicPartition(topic, p));
                before += all.size();
                for (ConsumerRecord<byte[], byte[]> r : all) {
                    last.put(ByteBuffer.wrap(r.key()), r);
                }
                List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>(last.values());
                kept.sort(Comparator.comparingLong(ConsumerRecord::offset));
                survivors.put(p, kept);
            }
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(30), topic + " deleted",
                    () -> !topics(admin).contains(topic));
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        long after = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Map.Entry<Integer, List<ConsumerRecord<byte[], byte[]>>> e : survivors.entrySet()) {
                for (ConsumerRecord<byte[], byte[]> r : e.getValue()) {
                    producer.send(new ProducerRecord<>(topic, e.getKey(), r.timestamp(), r.key(), r.value())).get();
                    after++;
                }
            }
        }
        return new long[] {before, after};
    }

    private static java.util.Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("listing topics failed", e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, TopicPartition tp) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + tp + " took longer than 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
