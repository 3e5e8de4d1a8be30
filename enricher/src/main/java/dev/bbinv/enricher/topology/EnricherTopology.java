package dev.bbinv.enricher.topology;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * The enricher as one Kafka Streams topology: raw repositories, catalog files, language tags, commit activity, and
 * the manual class and tags become {@code inventory.repositories}; raw users become {@code inventory.users}; what cannot be read or processed goes to
 * {@code inventory.dlq}. Building it is pure; {@code EnricherRole} runs it, tests drive the same topology.
 */
public final class EnricherTopology {
    public static final String REPOSITORY_STORE = "repository-state";
    public static final String USER_STORE = "user-state";
    /** Repositories by the time their freshness or "New repository" label next changes ({@link RecheckIndex}). */
    public static final String RECHECK_STORE = "repository-recheck";
    static final String REPOSITORIES_SINK = "inventory-repositories";
    static final String REPOSITORIES_DLQ_SINK = "repositories-dead-letters";
    static final String USERS_SINK = "inventory-users";
    static final String USERS_DLQ_SINK = "users-dead-letters";

    private EnricherTopology() {}

    public static Topology build(EnricherConfig config, SchemaRegistryClient registry) {
        return build(config.topologySettings(), registry);
    }

    public static Topology build(TopologySettings settings, SchemaRegistryClient registry) {
        RecordDecoder decoder = new RecordDecoder(registry);
        Serializer<String> keys = Topics.REPOSITORIES_TOPIC.keySerializer(registry);
        Serializer<DeadLetter> deadLetters = Topics.DLQ_TOPIC.valueSerializer(registry);
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        Topology topology = new Topology();

        // Repositories: the inputs share keys (the asset id) and partitioning, so one processor sees all events of one
        // repository in order and keeps its state in one store.
        // Cached stores (statestore.cache.max.bytes): a key written many times between commits reaches RocksDB and
        // its changelog once per commit instead of once per record.
        topology.addSource("raw-repositories", bytes, bytes, Topics.RAW_REPOSITORIES_TOPIC.name())
                .addSource("raw-catalog-files", bytes, bytes, Topics.RAW_CATALOG_FILES_TOPIC.name())
                .addSource("language-tags", bytes, bytes, Topics.LANGUAGE_TAGS_TOPIC.name())
                .addSource("raw-commits", bytes, bytes, Topics.RAW_COMMITS_TOPIC.name())
                .addSource("repository-classes", bytes, bytes, Topics.REPOSITORY_CLASSES_TOPIC.name())
                .addSource("repository-tags", bytes, bytes, Topics.REPOSITORY_TAGS_TOPIC.name())
                .addProcessor("repository-assets", () -> new RepositoryProcessor(decoder, settings),
                        "raw-repositories", "raw-catalog-files", "language-tags", "raw-commits",
                        "repository-classes", "repository-tags")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPOSITORY_STORE),
                        Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "repository-assets")
                // Not cached: its keys are written once each (a move deletes one key and puts another), so a cache
                // saves no write; it only sorted every key into the shared record cache and crowded out the state.
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECHECK_STORE),
                        Serdes.String(), Serdes.ByteArray()), "repository-assets")
                .addSink(REPOSITORIES_SINK, Topics.REPOSITORIES_TOPIC.name(), keys,
                        Topics.REPOSITORIES_TOPIC.valueSerializer(registry), "repository-assets")
                .addSink(REPOSITORIES_DLQ_SINK, Topics.DLQ_TOPIC.name(), keys, deadLetters, "repository-assets");

        // Users: their own sub-topology, so raw users need not be partitioned like the repository topics.
        topology.addSource("raw-users", bytes, bytes, Topics.RAW_USERS_TOPIC.name())
                .addProcessor("user-assets", () -> new UserProcessor(decoder, settings), "raw-users")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_STORE),
                        Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "user-assets")
                .addSink(USERS_SINK, Topics.USERS_TOPIC.name(), keys, Topics.USERS_TOPIC.valueSerializer(registry),
                        "user-assets")
                .addSink(USERS_DLQ_SINK, Topics.DLQ_TOPIC.name(), keys, deadLetters, "user-assets");
        return topology;
    }
}
