package dev.bbinv.enricher.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.state.EmitPolicy;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.TestRegistry;

/**
 * The production topology in a {@link TopologyTestDriver}, with typed topics written and read through the real
 * Confluent-wire-format serdes and a real (in-memory, over HTTP) schema registry.
 */
final class TopologyHarness implements AutoCloseable {
    static final TopologySettings SETTINGS = new TopologySettings(CatalogLimits.DEFAULTS,
            new EmitPolicy(Duration.ofHours(24)), LanguageTable.linguist());

    final SchemaRegistryClient registry = TestRegistry.client();
    final TopologyTestDriver driver;
    final TestInputTopic<String, RawRepositoryEvent> repositories;
    final TestInputTopic<String, RawUserEvent> users;
    final TestInputTopic<String, RawCatalogFileEvent> catalogFiles;
    final TestInputTopic<String, LanguageTagEvent> tags;
    final TestInputTopic<String, RawCommitActivityEvent> commits;
    final TestInputTopic<String, RepositoryClassEvent> classes;
    final TestInputTopic<String, RepositoryTagsEvent> repositoryTags;
    final TestInputTopic<byte[], byte[]> rawRepositoryBytes;
    final TestOutputTopic<String, RepositoryAsset> repositoryAssets;
    final TestOutputTopic<String, UserAsset> userAssets;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    TopologyHarness() {
        this(SETTINGS);
    }

    TopologyHarness(TopologySettings settings) {
        this(settings, null);
    }

    /** @param topologyRegistry the registry client the topology reads with (null: the tests' own) */
    TopologyHarness(TopologySettings settings, SchemaRegistryClient topologyRegistry) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enricher-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("enricher-ttd").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Wall clock at 0: version floors do not apply unless a test moves the clock.
        driver = new TopologyTestDriver(EnricherTopology.build(settings,
                topologyRegistry == null ? registry : topologyRegistry), props, java.time.Instant.EPOCH);
        var keys = AvroSerdes.keySerializer(registry);
        repositories = driver.createInputTopic(Topics.RAW_REPOSITORIES, keys,
                AvroSerdes.valueSerializer(RawRepositoryEvent.class, registry));
        users = driver.createInputTopic(Topics.RAW_USERS, keys, AvroSerdes.valueSerializer(RawUserEvent.class, registry));
        catalogFiles = driver.createInputTopic(Topics.RAW_CATALOG_FILES, keys,
                AvroSerdes.valueSerializer(RawCatalogFileEvent.class, registry));
        tags = driver.createInputTopic(Topics.LANGUAGE_TAGS, keys,
                AvroSerdes.valueSerializer(LanguageTagEvent.class, registry));
        commits = driver.createInputTopic(Topics.RAW_COMMITS, keys,
                AvroSerdes.valueSerializer(RawCommitActivityEvent.class, registry));
        classes = driver.createInputTopic(Topics.REPOSITORY_CLASSES, keys,
                AvroSerdes.valueSerializer(RepositoryClassEvent.class, registry));
        repositoryTags = driver.createInputTopic(Topics.REPOSITORY_TAGS, keys,
                AvroSerdes.valueSerializer(RepositoryTagsEvent.class, registry));
        rawRepositoryBytes = driver.createInputTopic(Topics.RAW_REPOSITORIES, new ByteArraySerializer(),
                new ByteArraySerializer());
        var keyReader = AvroSerdes.keyDeserializer(registry);
        repositoryAssets = driver.createOutputTopic(Topics.REPOSITORIES, keyReader,
                AvroSerdes.valueDeserializer(RepositoryAsset.class, registry));
        userAssets = driver.createOutputTopic(Topics.USERS, keyReader,
                AvroSerdes.valueDeserializer(UserAsset.class, registry));
        deadLetters = driver.createOutputTopic(Topics.DLQ, keyReader,
                AvroSerdes.valueDeserializer(DeadLetter.class, registry));
    }

    /** The key bytes a producer of our topics writes for {@code id}. */
    byte[] keyBytes(String id) {
        return AvroSerdes.keySerializer(registry).serialize(Topics.RAW_REPOSITORIES, id);
    }

    /** The total of a counter in the Streams metrics, e.g. {@code dead-letter-total}. */
    double metric(String name) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
            if (e.getKey().name().equals(name)) {
                sum += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        driver.close();
    }
}
