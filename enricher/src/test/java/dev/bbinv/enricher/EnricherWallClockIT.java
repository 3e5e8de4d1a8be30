package dev.bbinv.enricher;

import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;

/**
 * The wall-clock check on a real broker with exactly_once_v2: a label that time alone removes is written again with no
 * new input, and a restart with other policy rules rebuilds the stored assets without any new input either.
 */
class EnricherWallClockIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String UUID_TEXT = "{77777777-0000-0000-0000-000000000001}";
    private static final String ID = AssetIds.cloud(UUID_TEXT);

    private final SchemaRegistryClient registry = TestRegistry.client();
    private final String applicationId = "enricher-clock-it-" + UUID.randomUUID();

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(2));
    }

    private Map<String, Object> config(Path stateDir) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        cfg.put("schema.registry.url", TestRegistry.url().toString());
        cfg.put("application.id", applicationId);
        cfg.put("state.dir", stateDir.toString());
        cfg.put("replication.factor", 1);
        cfg.put("commit.interval.ms", 100);
        cfg.put("freshness.check.interval.ms", 200);
        cfg.put("kafka.client.session.timeout.ms", 6000);
        cfg.put("kafka.client.heartbeat.interval.ms", 1000);
        return cfg;
    }

    private static List<String> labels(RepositoryAsset asset) {
        return asset.getLabels().stream().map(AssetLabel::getName).toList();
    }

    @Test
    void timeAloneAndChangedPolicyRulesRewriteAssetsWithHigherVersions() throws Exception {
        Path stateDir = Files.createTempDirectory("enricher-clock-it");
        // Created 7 days ago less 20 seconds: "New repository" for 20 more seconds (the start takes a few).
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant created = now.minus(Duration.ofDays(7)).plusSeconds(20);
        String json = cloudRepository(UUID_TEXT, "acme", "clock", "clock", "java")
                .replace("2026-01-02T03:04:05.000000+00:00", created.toString());
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, RawRepositoryEvent> producer = new KafkaProducer<>(producerConfig,
                AvroSerdes.keySerializer(registry), AvroSerdes.valueSerializer(RawRepositoryEvent.class, registry));
                OutputCollector<String, RepositoryAsset> output = new OutputCollector<>(Topics.REPOSITORIES,
                        AvroSerdes.keyDeserializer(registry),
                        AvroSerdes.valueDeserializer(RepositoryAsset.class, registry))) {
            producer.send(new ProducerRecord<>(Topics.RAW_REPOSITORIES, ID, seen(cloud("cloud-it", "acme", now),
                    UUID_TEXT, json))).get();

            try (EnricherRole enricher = EnricherRole.start(config(stateDir))) {
                RepositoryAsset fresh = mine(output.awaitUntil(WAIT, "the new asset",
                        s -> !mine(s).isEmpty())).get(0);
                assertEquals(List.of("Java", "N/A", "New repository"), labels(fresh));
                // When: nothing is written to any input; the repository turns 7 days old.
                List<RepositoryAsset> two = mine(output.awaitUntil(WAIT, "the asset a week old",
                        s -> mine(s).size() >= 2));
                RepositoryAsset old = two.get(1);
                assertEquals(List.of("Java", "N/A"), labels(old));
                assertTrue(old.getVersion() > fresh.getVersion());
                assertTrue(Instant.now().isAfter(created.plus(Duration.ofDays(7))), "not written before it was due");
            }

            // When: a restart on the same state with a policy file, still without new input.
            Path policies = stateDir.resolve("policies.yaml");
            Files.writeString(policies, "rules:\n  - name: clocks are critical\n    when: {name: \"clo*\"}\n"
                    + "    then: {class: A, labels: [timekeeping]}\n");
            Map<String, Object> withPolicies = config(stateDir);
            withPolicies.put("policies.file", policies.toString());
            try (EnricherRole enricher = EnricherRole.start(withPolicies)) {
                List<RepositoryAsset> three = mine(output.awaitUntil(WAIT, "the asset under the new rules",
                        s -> mine(s).size() >= 3));
                RepositoryAsset classified = three.get(2);
                assertEquals(AssetClass.A, classified.getAssetClass());
                assertEquals("policy:clocks are critical", classified.getClassSource());
                assertEquals(List.of("Java", "N/A", "timekeeping"), labels(classified));
                assertTrue(classified.getVersion() > three.get(1).getVersion());
                assertEquals(3, mine(output.drain(Duration.ofSeconds(2))).size(), "rebuilt once, not every check");
            }
        }
    }

    private static List<RepositoryAsset> mine(List<ConsumerRecord<String, RepositoryAsset>> records) {
        return records.stream().filter(r -> r.key().equals(ID)).map(ConsumerRecord::value).toList();
    }
}
