package dev.bbinv.enricher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.policy.PolicyEngine;
import dev.bbinv.enricher.policy.PolicyFile;
import dev.bbinv.enricher.policy.PolicyFileException;
import dev.bbinv.enricher.state.EmitPolicy;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.enricher.topology.TopologySettings;

/** The enricher role's settings: one {@link ConfigDef} with type, default, validator and doc for every key. */
public final class EnricherConfig extends AbstractConfig {
    public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = PipelineSettings.KAFKA_BOOTSTRAP_SERVERS_CONFIG;
    public static final String SCHEMA_REGISTRY_URL_CONFIG = PipelineSettings.SCHEMA_REGISTRY_URL_CONFIG;
    public static final String SCHEMA_REGISTRY_USER_INFO_CONFIG = PipelineSettings.SCHEMA_REGISTRY_USER_INFO_CONFIG;
    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    public static final String CATALOG_MAX_BYTES_CONFIG = "catalog.max.bytes";
    public static final String CATALOG_MAX_DEPTH_CONFIG = "catalog.max.depth";
    public static final String CATALOG_MAX_ALIASES_CONFIG = "catalog.max.aliases";
    public static final String CATALOG_MAX_DOCUMENTS_CONFIG = "catalog.max.documents";
    public static final String LAST_SEEN_REFRESH_MS_CONFIG = "asset.last.seen.refresh.ms";
    public static final String POLICIES_FILE_CONFIG = "policies.file";
    public static final String FRESHNESS_CHECK_INTERVAL_MS_CONFIG = "freshness.check.interval.ms";
    public static final String THREAD_FAILURES_MAX_CONFIG = "enricher.thread.failures.max";
    /** The consumer setting Streams turns off for its main consumer (the clients read it; it has no public name). */
    static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    // Where the topics are: the keys every role shares, then the enricher's own.
    public static final ConfigDef CONFIG_DEF = PipelineSettings.define(new ConfigDef())
            // How Kafka Streams runs.
            .define(APPLICATION_ID_CONFIG, Type.STRING, "bbinv-enricher", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka Streams application id: the consumer group, and the prefix of the "
                            + "internal changelog topics. Instances with the same id share the work.")
            .define(STATE_DIR_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "Directory of the local state stores; Kafka Streams' default (a kafka-streams directory under "
                            + "java.io.tmpdir) when unset.")
            .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
                    "Stream threads in this instance.")
            .define(COMMIT_INTERVAL_MS_CONFIG, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
                    "How often a transaction is committed (exactly_once_v2): the latency of the output.")
            .define(REPLICATION_FACTOR_CONFIG, Type.INT, -1, Range.atLeast(-1), Importance.LOW,
                    "Replication factor of the internal changelog topics; -1 takes the broker's default.")
            .define(STATESTORE_CACHE_MAX_BYTES_CONFIG, Type.LONG, 10L * 1024 * 1024, Range.atLeast(0),
                    Importance.LOW, "Record cache of the repository and user state stores, all threads together.")
            // Catalog files.
            .define(CATALOG_MAX_BYTES_CONFIG, Type.LONG, 1024L * 1024, Range.between(1, Integer.MAX_VALUE),
                    Importance.LOW, "Largest catalog file parsed, in UTF-8 bytes; a larger one is an app context error.")
            .define(CATALOG_MAX_DEPTH_CONFIG, Type.INT, 50, Range.atLeast(1), Importance.LOW,
                    "Deepest nesting of YAML collections in a catalog file.")
            .define(CATALOG_MAX_ALIASES_CONFIG, Type.INT, 50, Range.atLeast(0), Importance.LOW,
                    "Most aliases to YAML collections in a catalog file (what a YAML bomb multiplies).")
            .define(CATALOG_MAX_DOCUMENTS_CONFIG, Type.INT, 20, Range.atLeast(1), Importance.LOW,
                    "Most YAML documents in a catalog file.")
            // Output.
            .define(LAST_SEEN_REFRESH_MS_CONFIG, Type.LONG, 86_400_000L, Range.atLeast(0), Importance.LOW,
                    "An unchanged asset is written again when its lastSeen moved on by this much; other changes are "
                            + "written at once. 0 writes every sighting.")
            // Class, tags, labels.
            .define(POLICIES_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "YAML file of policy rules (when conditions hold: set class, add labels and key:value tags); "
                            + "none when unset. A file that cannot be read or has a bad rule stops the enricher at "
                            + "start, naming the rule and the problem.")
            .define(FRESHNESS_CHECK_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                    "How often (wall clock) the assets whose freshness or New repository label is due to change "
                            + "are rebuilt and written; only those are read. Also how soon after a start with "
                            + "changed policy rules every asset is rebuilt.")
            .define(THREAD_FAILURES_MAX_CONFIG, Type.INT, 60, Range.atLeast(0), Importance.LOW,
                    "Stream thread failures (registry or broker errors; each is retried after a backoff of 1 s "
                            + "growing to 10 s) allowed within 15 minutes; one more stops the enricher and its process "
                            + "exits with code 5 for its supervisor to restart it.");

    public EnricherConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, false);
    }

    public String bootstrapServers() {
        return getString(KAFKA_BOOTSTRAP_SERVERS_CONFIG);
    }

    public URI schemaRegistryUrl() {
        return PipelineSettings.registryUrl(this);
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    public int threadFailuresMax() {
        return getInt(THREAD_FAILURES_MAX_CONFIG);
    }

    public TopologySettings topologySettings() {
        return new TopologySettings(
                new CatalogLimits(getLong(CATALOG_MAX_BYTES_CONFIG).intValue(), getInt(CATALOG_MAX_DEPTH_CONFIG),
                        getInt(CATALOG_MAX_ALIASES_CONFIG), getInt(CATALOG_MAX_DOCUMENTS_CONFIG)),
                new EmitPolicy(Duration.ofMillis(getLong(LAST_SEEN_REFRESH_MS_CONFIG))),
                LanguageTable.linguist(), policies(),
                Duration.ofMillis(getLong(FRESHNESS_CHECK_INTERVAL_MS_CONFIG)));
    }

    /**
     * The policy rules of {@code policies.file}; none when unset.
     *
     * @throws ConfigException naming the key, the file, the rule and the problem
     */
    public PolicyEngine policies() {
        String file = getString(POLICIES_FILE_CONFIG);
        if (file == null || file.isBlank()) {
            return PolicyEngine.NONE;
        }
        try {
            return new PolicyEngine(PolicyFile.load(Path.of(file.trim())));
        } catch (PolicyFileException e) {
            throw new ConfigException(POLICIES_FILE_CONFIG + ": " + e.getMessage());
        }
    }

    /** The Kafka Streams configuration: exactly_once_v2 always, plus the {@code kafka.}-prefixed pass-through keys. */
    public Map<String, Object> streamsProperties() {
        Map<String, Object> props = new HashMap<>(PipelineSettings.kafkaClientOverrides(originals()));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS_CONFIG));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS_CONFIG));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, getInt(REPLICATION_FACTOR_CONFIG));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, getLong(STATESTORE_CACHE_MAX_BYTES_CONFIG));
        if (getString(STATE_DIR_CONFIG) != null && !getString(STATE_DIR_CONFIG).isBlank()) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR_CONFIG));
        }
        // Streams keeps a closed member in the group (internal.leave.group.on.close=false) until its session times
        // out (45 s); the next start's rebalance waits for it, and a close during that rebalance blocks until it ends.
        // A stopped enricher leaves; KafkaStreams.CloseOptions.leaveGroup does so only for static members (4.1).
        props.putIfAbsent(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
        return props;
    }
}
