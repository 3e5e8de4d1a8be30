package dev.bbinv.enricher;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.FaultyRegistryProxy;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/**
 * The enricher on a real broker, reading through a registry that answers 401: its stream thread fails and is replaced
 * (with backoff) instead of dead-lettering the record, and the record becomes an asset once the registry heals.
 */
class EnricherRegistryOutageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private final SchemaRegistryClient registry = TestRegistry.client();

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(2));
    }

    @Test
    void aRefusingRegistryStallsTheEnricherWithoutDeadLetteringAndItCatchesUpOnceHealed() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String id = "cloud:" + uuid;
        try (FaultyRegistryProxy proxy = new FaultyRegistryProxy(TestRegistry.url())) {
            Map<String, Object> cfg = new HashMap<>();
            cfg.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
            cfg.put("schema.registry.url", proxy.url().toString());
            cfg.put("application.id", "enricher-registry-outage-it-" + uuid);
            cfg.put("state.dir", Files.createTempDirectory("enricher-registry-outage-it").toString());
            cfg.put("replication.factor", 1);
            proxy.failWith(401);
            RecordMetadata sent;
            try (EnricherRole enricher = EnricherRole.start(cfg)) {
                sent = produce(id, seen(cloud("cloud-acme", "acme", T0), "{" + uuid + "}",
                        cloudRepository("{" + uuid + "}", "acme", "outage", "Outage", "go")));
                Await.until(TIMEOUT, "the enricher to ask the refusing registry twice", () -> proxy.faultsAnswered() >= 2);
                assertTrue(assetsOf(id).isEmpty(), "nothing is enriched while the registry refuses");

                proxy.heal();
                Await.until(TIMEOUT, "the asset once the registry heals", () -> !assetsOf(id).isEmpty());
            }
            List<DeadLetter> ours = TopicReader.readCommitted(Topics.DLQ, AvroSerdes.keyDeserializer(registry),
                    AvroSerdes.valueDeserializer(DeadLetter.class, registry)).stream()
                    .map(ConsumerRecord::value)
                    .filter(l -> l.getSourceTopic().equals(sent.topic()) && l.getSourcePartition() == sent.partition()
                            && l.getSourceOffset() == sent.offset())
                    .toList();
            assertEquals(List.of(), ours, "a refusing registry is not the record's fault");
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> assetsOf(String id) {
        byte[] key = AvroSerdes.keySerializer(registry).serialize(Topics.REPOSITORIES, id);
        return TopicReader.readCommitted(Topics.REPOSITORIES, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .stream().filter(r -> java.util.Arrays.equals(key, r.key())).toList();
    }

    private RecordMetadata produce(String id, RawRepositoryEvent event) throws Exception {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, RawRepositoryEvent> producer = new KafkaProducer<>(cfg,
                AvroSerdes.keySerializer(registry), AvroSerdes.valueSerializer(RawRepositoryEvent.class, registry))) {
            return producer.send(new ProducerRecord<>(Topics.RAW_REPOSITORIES, id, event)).get();
        }
    }
}
