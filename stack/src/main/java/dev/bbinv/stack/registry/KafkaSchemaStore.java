package dev.bbinv.stack.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps the registry's schemas in a compacted single-partition Kafka topic, one record per subject version, in the
 * same key and value JSON as Confluent's {@code _schemas} topic. Writes wait for acks=all, so an id is never
 * answered before it is durable; on start the topic is read to its end to rebuild the state.
 */
final class KafkaSchemaStore implements SchemaStore {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaStore(String bootstrapServers, String topic, KafkaProducer<byte[], byte[]> producer) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.producer = producer;
    }

    /** Creates {@code topic} (compacted, 1 partition) if it is missing and opens the writer. */
    static KafkaSchemaStore open(String bootstrapServers, String topic) {
        ensureTopic(bootstrapServers, topic);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bbinv-schema-registry");
        return new KafkaSchemaStore(bootstrapServers, topic,
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    private static void ensureTopic(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> names = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (names.contains(topic)) {
                return;
            }
            // Replication follows the cluster's default.replication.factor; one partition keeps registrations ordered.
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact"));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created the compacted schema topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot find or create the schema topic " + topic + " on "
                    + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the schema topic " + topic, e);
        }
    }

    @Override
    public Contents load() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        TopicPartition partition = new TopicPartition(topic, 0);
        // Keyed by the record key so a later write of the same key (compaction's view) wins.
        Map<String, SchemaRecord> schemas = new LinkedHashMap<>();
        Compatibility compatibility = null;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the schema topic " + topic + " to offset " + end
                            + " took longer than " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    compatibility = replay(record, schemas, compatibility);
                }
            }
        }
        LOG.info("Read {} schema versions from topic {}", schemas.size(), topic);
        return new Contents(new ArrayList<>(schemas.values()), Optional.ofNullable(compatibility));
    }

    private Compatibility replay(ConsumerRecord<byte[], byte[]> record, Map<String, SchemaRecord> schemas,
            Compatibility compatibility) {
        try {
            JsonNode key = json.readTree(record.key());
            String keyType = key.path("keytype").asText("");
            if (keyType.equals("SCHEMA")) {
                String keyText = key.path("subject").asText() + "\u0000" + key.path("version").asInt();
                if (record.value() == null) {
                    schemas.remove(keyText);
                    return compatibility;
                }
                JsonNode value = json.readTree(record.value());
                if (value.path("deleted").asBoolean(false)) {
                    schemas.remove(keyText);
                    return compatibility;
                }
                schemas.put(keyText, new SchemaRecord(value.get("subject").textValue(), value.get("version").intValue(),
                        value.get("id").intValue(), RegistryState.canonical(value.get("schema").textValue())));
            } else if (keyType.equals("CONFIG") && key.path("subject").isNull() && record.value() != null) {
                return Compatibility.parse(json.readTree(record.value()).path("compatibilityLevel").asText());
            }
        } catch (Exception e) {
            LOG.warn("Skipping unreadable record {}-{}@{} in the schema topic: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
        return compatibility;
    }

    @Override
    public void appendSchema(SchemaRecord schema) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("keytype", "SCHEMA");
        key.put("subject", schema.subject());
        key.put("version", schema.version());
        key.put("magic", 1);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("subject", schema.subject());
        value.put("version", schema.version());
        value.put("id", schema.id());
        value.put("schema", schema.schema());
        value.put("deleted", false);
        write(key, value, "schema id " + schema.id() + " for subject " + schema.subject());
    }

    @Override
    public void appendCompatibility(Compatibility compatibility) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("keytype", "CONFIG");
        key.put("subject", null);
        key.put("magic", 0);
        write(key, Map.of("compatibilityLevel", compatibility.name()), "compatibility level " + compatibility);
    }

    private void write(Map<String, Object> key, Map<String, Object> value, String what) {
        try {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                    json.writeValueAsString(key).getBytes(StandardCharsets.UTF_8),
                    json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeFailed("interrupted while storing " + what, e);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw RegistryError.storeFailed("cannot store " + what + " in topic " + topic + ": " + cause.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
