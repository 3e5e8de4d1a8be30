package dev.bbinv.stack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Level;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;

/** The registry backed by a compacted topic on a real KRaft broker (Kafka's own test kit, in process). */
class KafkaBackedSchemaRegistryIT {
    private static final Schema REPO_V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Repo","namespace":"t","fields":[{"name":"id","type":"string"}]}""");
    private static final Schema REPO_V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Repo","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"language","type":["null","string"],"default":null}]}""");
    private static final Schema REPO_INCOMPATIBLE = new Schema.Parser().parse("""
            {"type":"record","name":"Repo","namespace":"t","fields":[{"name":"id","type":"long"}]}""");

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("kafka")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("state.change.logger")).setLevel(Level.WARN);
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String freshTopic() {
        return "_schemas_" + UUID.randomUUID();
    }

    @Test
    void createsItsTopicCompactedWithOnePartition() throws Exception {
        String topic = freshTopic();
        try (EmbeddedSchemaRegistry ignored = EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), topic, 0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            assertEquals(1, description.partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    @Test
    void aRestartKeepsSubjectsVersionsIdsAndTheCompatibilityLevel() throws Exception {
        String topic = freshTopic();
        int repoV1;
        int repoV2;
        int deadLetter;
        int tags;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), topic, 0)) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
            repoV1 = client.register("repos-value", REPO_V1);
            repoV2 = client.register("repos-value", REPO_V2);
            deadLetter = client.register("inventory.dlq-value", DeadLetter.getClassSchema());
            tags = client.register("inventory.language-tags-value", LanguageTagEvent.getClassSchema());
            assertEquals(repoV1, client.register("mirror-value", REPO_V1));
            put(registry.url(), "/config", Map.of("compatibility", "NONE"));
        }

        try (EmbeddedSchemaRegistry restarted =
                EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), topic, 0)) {
            HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(restarted.url());
            // Same schema, same subject: the same id, no new version.
            assertEquals(repoV2, fresh.register("repos-value", REPO_V2));
            assertEquals(repoV1, fresh.register("repos-value", REPO_V1));
            assertEquals(deadLetter, fresh.register("inventory.dlq-value", DeadLetter.getClassSchema()));
            assertEquals(DeadLetter.getClassSchema(), fresh.schemaById(deadLetter));
            assertEquals(LanguageTagEvent.getClassSchema(), fresh.schemaById(tags));
            assertEquals("[1,2]", get(restarted.url(), "/subjects/repos-value/versions"));
            assertEquals("[\"inventory.dlq-value\",\"inventory.language-tags-value\",\"mirror-value\",\"repos-value\"]",
                    get(restarted.url(), "/subjects"));
            assertEquals("{\"compatibilityLevel\":\"NONE\"}", get(restarted.url(), "/config"));

            // A new schema after the restart gets a new id, never one handed out before.
            int next = fresh.register("repos-value", REPO_INCOMPATIBLE);
            assertTrue(List.of(repoV1, repoV2, deadLetter, tags).stream().allMatch(id -> id < next),
                    "new id " + next);
        }
    }

    @Test
    void skipsRecordsItCannotReadAndKeepsTheRest() throws Exception {
        String topic = freshTopic();
        int id;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), topic, 0)) {
            id = new HttpSchemaRegistryClient(registry.url()).register("repos-value", REPO_V1);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "not json", "garbage")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"SCHEMA\",\"subject\":\"x\",\"version\":1}",
                    "{\"subject\":\"x\",\"version\":1,\"id\":77,\"schema\":\"{not avro\"}")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"NOOP\"}", "{}")).get(30, TimeUnit.SECONDS);
        }
        try (EmbeddedSchemaRegistry restarted =
                EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), topic, 0)) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(restarted.url());
            assertEquals(REPO_V1, client.schemaById(id));
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(77));
            assertTrue(e.getMessage().contains("id 77"), e.getMessage());
        }
    }

    @Test
    void twoRegistriesOnDifferentTopicsDoNotShareIds() {
        try (EmbeddedSchemaRegistry one = EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), freshTopic(), 0);
                EmbeddedSchemaRegistry two = EmbeddedSchemaRegistry.kafkaBacked(cluster.bootstrapServers(), freshTopic(), 0)) {
            new HttpSchemaRegistryClient(one.url()).register("a-value", REPO_V1);
            int inOne = new HttpSchemaRegistryClient(one.url()).register("b-value", REPO_V2);
            int inTwo = new HttpSchemaRegistryClient(two.url()).register("b-value", REPO_V2);
            assertNotEquals(inOne, inTwo);
        }
    }

    private static String get(URI base, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void put(URI base, String path, Object body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
