package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.testkit.TestKafka;

class PipelineStatusReaderIT {

    @Test
    void countsRecordsOfEachTopicAndTheLagOfEachGroupOnARealBroker() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "ops-events-" + suffix;
        String dlq = "ops-dlq-" + suffix;
        TestKafka.createTopics(List.of(new Topics.Spec(events, 2, false), new Topics.Spec(dlq, 1, false)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(events, 0, "k" + i, "v"));
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(events, 1, "k" + i, "v"));
            }
            producer.send(new ProducerRecord<>(dlq, "bad", "reason"));
            producer.flush();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            String consumingGroup = "ops-group-" + suffix;
            admin.alterConsumerGroupOffsets(consumingGroup, Map.of(
                    new TopicPartition(events, 0), new OffsetAndMetadata(4),
                    new TopicPartition(events, 1), new OffsetAndMetadata(1))).all().get();
            PipelineStatusReader reader = new PipelineStatusReader(admin, List.of(events, "ops-missing-" + suffix, dlq),
                    Map.of("consumer", consumingGroup), dlq, Duration.ofSeconds(20), Clock.systemUTC());
            PipelineStatusReader idle = new PipelineStatusReader(admin, List.of(events),
                    Map.of("idle", "ops-never-" + suffix), dlq, Duration.ofSeconds(20), Clock.systemUTC());

            PipelineStatus status = reader.read();

            assertEquals(List.of(new PipelineStatus.TopicCount(events, 2, 8), new PipelineStatus.TopicCount(dlq, 1, 1)),
                    status.topics(), "a missing topic is left out");
            assertEquals(3L, status.roles().get(0).lag(), "1 behind on partition 0 and 2 on partition 1");
            assertEquals(1, status.dlqRecords());
            assertNull(idle.read().roles().get(0).lag(), "a group that committed nothing has no known lag");
        }
    }
}
