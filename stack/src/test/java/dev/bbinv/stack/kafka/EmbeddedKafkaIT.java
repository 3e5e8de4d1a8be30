package dev.bbinv.stack.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;

class EmbeddedKafkaIT {

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameFolder() throws Exception {
        Path dir = Files.createTempDirectory("embedded-kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            EmbeddedKafka.ensureTopics(kafka.bootstrapServers(), List.of(new Topics.Spec("t", 1, true)));
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test"),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t", "k", "committed"));
                producer.commitTransaction();
            }
        }
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            EmbeddedKafka.ensureTopics(again.bootstrapServers(), List.of(new Topics.Spec("t", 1, true)));
            List<String> values = readAll(again.bootstrapServers(), "t", 1);
            assertEquals(List.of("committed"), values);
            assertTrue(Files.exists(dir.resolve("kraft-logs").resolve("meta.properties")));
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
            return out;
        }
    }
}
