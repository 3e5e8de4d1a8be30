package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.testkit.TestKafka;

class ConsumerLagReaderIT {

    @Test
    void readsTheLagOfAGroupAndWaitsUntilItCatchesUpOnARealBroker() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "lag-events-" + suffix;
        String other = "lag-other-" + suffix;
        String group = "lag-group-" + suffix;
        TestKafka.createTopics(List.of(new Topics.Spec(events, 2, false), new Topics.Spec(other, 1, false)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(events, 0, "k" + i, "v"));
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(events, 1, "k" + i, "v"));
            }
            producer.send(new ProducerRecord<>(other, "k", "v"));
            producer.flush();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            ConsumerLagReader reader = new ConsumerLagReader(admin, Duration.ofSeconds(20));
            TopicPartition e0 = new TopicPartition(events, 0);
            TopicPartition e1 = new TopicPartition(events, 1);
            assertEquals(Map.of(e0, 5L, e1, 3L), reader.offsets(List.of(e0, e1), OffsetSpec.latest()));
            assertEquals(Map.of(e0, 0L, e1, 0L), reader.offsets(List.of(e0, e1), OffsetSpec.earliest()));

            assertEquals(8, reader.lag(group, List.of(events)), "a group that never committed is behind by everything");
            admin.alterConsumerGroupOffsets(group, Map.of(e0, new OffsetAndMetadata(4))).all().get();
            assertEquals(Map.of(e0, new OffsetAndMetadata(4)), reader.committed(group));
            assertEquals(1 + 3, reader.lag(group, List.of(events)));
            assertEquals(1 + 3 + 1, reader.lag(group, List.of(events, other)));
            assertFalse(reader.awaitCaughtUp(group, List.of(events), Duration.ofMillis(300), Duration.ofMillis(50)));

            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.awaitCaughtUp(group, List.of(events), Duration.ofSeconds(30), Duration.ofMillis(50));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "still 4 behind");
            admin.alterConsumerGroupOffsets(group, Map.of(e0, new OffsetAndMetadata(5), e1, new OffsetAndMetadata(3)))
                    .all().get();
            assertTrue(waiting.get(20, TimeUnit.SECONDS));
            assertEquals(0, reader.lag(group, List.of(events)));

            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> reader.lag(group, List.of("lag-missing-" + suffix)));
            assertTrue(missing.getMessage().contains(group), missing.getMessage());
        }
    }
}
