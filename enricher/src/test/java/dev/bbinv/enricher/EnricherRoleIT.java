package dev.bbinv.enricher;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.languages.LanguageTagPublisher;
import dev.bbinv.enricher.languages.LanguageTags;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;

/** The enricher role on a real broker with exactly_once_v2. */
class EnricherRoleIT {
    private static final int REPOSITORIES = 150;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final SchemaRegistryClient registry = TestRegistry.client();
    private final String applicationId = "enricher-it-" + UUID.randomUUID();

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(2));
    }

    private Map<String, Object> config() throws Exception {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        cfg.put("schema.registry.url", TestRegistry.url().toString());
        cfg.put("application.id", applicationId);
        // A fresh state directory per start: the restarted enricher must rebuild its state from the changelog.
        cfg.put("state.dir", Files.createTempDirectory("enricher-it").toString());
        cfg.put("replication.factor", 1);
        cfg.put("commit.interval.ms", 100);
        cfg.put("statestore.cache.max.bytes", 0);
        // A short session: the restarted enricher would take over sooner should a stop not leave the group.
        cfg.put("kafka.client.session.timeout.ms", 6000);
        cfg.put("kafka.client.heartbeat.interval.ms", 1000);
        return cfg;
    }

    private KafkaProducer<String, RawRepositoryEvent> producer() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(cfg, AvroSerdes.keySerializer(registry),
                AvroSerdes.valueSerializer(RawRepositoryEvent.class, registry));
    }

    private static String uuid(int i) {
        return String.format("{00000000-0000-0000-0000-%012d}", i);
    }

    private static ProducerRecord<String, RawRepositoryEvent> repository(int i, String name, Instant at) {
        RawRepositoryEvent event = seen(cloud("cloud-it", "acme", at), uuid(i),
                cloudRepository(uuid(i), "acme", "repo-" + i, name, "java"));
        return new ProducerRecord<>(Topics.RAW_REPOSITORIES, AssetIds.cloud(uuid(i)), event);
    }

    @Test
    void aStopAndRestartMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        Instant first = T0;
        Instant renamed = T0.plusSeconds(3600);
        try (KafkaProducer<String, RawRepositoryEvent> producer = producer();
                OutputCollector<String, RepositoryAsset> output = new OutputCollector<>(Topics.REPOSITORIES,
                        AvroSerdes.keyDeserializer(registry),
                        AvroSerdes.valueDeserializer(RepositoryAsset.class, registry));
                OutputCollector<String, DeadLetter> deadLetters = new OutputCollector<>(Topics.DLQ,
                        AvroSerdes.keyDeserializer(registry),
                        AvroSerdes.valueDeserializer(DeadLetter.class, registry))) {
            // Given every repository seen once, with a poison record among them
            for (int i = 0; i < REPOSITORIES; i++) {
                producer.send(repository(i, "repo-" + i, first));
                if (i == REPOSITORIES / 2) {
                    sendPoison();
                }
            }
            producer.flush();
            int dlqBefore = deadLetters.size();

            EnricherRole a = EnricherRole.start(config());
            output.awaitCount(REPOSITORIES, WAIT);
            // When renames arrive and the enricher is stopped while they are being processed
            for (int i = 0; i < REPOSITORIES / 2; i++) {
                producer.send(repository(i, "renamed-" + i, renamed));
            }
            producer.flush();
            output.awaitUntil(WAIT, "the first renames", s -> s.size() > REPOSITORIES);
            a.close();
            assertEquals(KafkaStreams.State.NOT_RUNNING, a.state());
            for (int i = REPOSITORIES / 2; i < REPOSITORIES; i++) {
                producer.send(repository(i, "renamed-" + i, renamed));
            }
            producer.flush();

            // Then a restarted enricher (with empty local state) writes every rename once and nothing twice
            try (EnricherRole b = EnricherRole.start(config())) {
                List<ConsumerRecord<String, RepositoryAsset>> all = output.awaitCount(2 * REPOSITORIES, WAIT);

                // And an unchanged rescan after the restart writes nothing: the state came back from the changelog
                for (int i = 0; i < REPOSITORIES; i++) {
                    producer.send(repository(i, "renamed-" + i, renamed.plusSeconds(60)));
                }
                producer.send(repository(REPOSITORIES, "sentinel", renamed));
                producer.flush();
                String sentinel = AssetIds.cloud(uuid(REPOSITORIES));
                all = output.awaitUntil(WAIT, "the sentinel",
                        s -> s.stream().anyMatch(r -> r.key().equals(sentinel)));

                // And manual tags written by the CLI's publisher reach the asset
                String repo0 = AssetIds.cloud(uuid(0));
                try (LanguageTagPublisher tags = new LanguageTagPublisher(TestKafka.bootstrapServers(), registry,
                        Map.of())) {
                    tags.publish(LanguageTags.set(repo0, List.of("golang"), renamed, "it"));
                }
                all = output.awaitUntil(WAIT, "the tagged asset", s -> s.stream()
                        .anyMatch(r -> r.key().equals(repo0) && !r.value().getLanguages().isEmpty()
                                && r.value().getLanguages().get(0).getSource() == LanguageSource.MANUAL));
                all = output.drain(Duration.ofSeconds(1));

                Map<String, List<Long>> versions = all.stream().collect(Collectors.groupingBy(
                        ConsumerRecord::key, TreeMap::new,
                        Collectors.mapping(r -> r.value().getVersion(), Collectors.toList())));
                assertEquals(REPOSITORIES + 1, versions.size());
                // Versions are floored by the wall clock: what matters is one record per change, each newer.
                for (int i = 1; i < REPOSITORIES; i++) {
                    assertIncreasing(versions.get(AssetIds.cloud(uuid(i))), 2, "repo " + i);
                }
                assertIncreasing(versions.get(repo0), 3, "repo 0");
                assertIncreasing(versions.get(sentinel), 1, "the sentinel");
                Map<String, List<String>> names = all.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> r.value().getName(), Collectors.toList())));
                assertEquals(List.of("repo-7", "renamed-7"), names.get(AssetIds.cloud(uuid(7))));
                assertEquals(List.of("repo-120", "renamed-120"), names.get(AssetIds.cloud(uuid(120))));
                assertEquals(2 * REPOSITORIES + 2, all.size());
                RepositoryAsset tagged = all.get(all.size() - 1).value();
                assertEquals("renamed-0", tagged.getName());
                assertEquals(LanguageSource.MANUAL, tagged.getLanguages().get(0).getSource());
                assertEquals("Go", tagged.getLanguages().get(0).getName());

                List<ConsumerRecord<String, DeadLetter>> letters = deadLetters.awaitCount(dlqBefore + 1, WAIT);
                assertEquals(dlqBefore + 1, deadLetters.drain(Duration.ofMillis(500)).size());
                DeadLetter letter = letters.get(dlqBefore).value();
                assertEquals(Topics.RAW_REPOSITORIES, letter.getSourceTopic());
                assertTrue(letter.getReason().contains("magic byte"), letter.getReason());
                assertEquals(KafkaStreams.State.RUNNING, b.state());
            }
        }
    }

    private static void assertIncreasing(List<Long> versions, int count, String what) {
        assertEquals(count, versions.size(), "records of " + what + ": " + versions);
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(versions.get(i) > versions.get(i - 1), "versions of " + what + " increase: " + versions);
        }
    }

    private void sendPoison() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.RAW_REPOSITORIES,
                    AvroSerdes.keySerializer(registry).serialize(Topics.RAW_REPOSITORIES, "cloud:poison"),
                    "not avro".getBytes(StandardCharsets.UTF_8)));
            raw.flush();
        }
    }

}
