package dev.bbinv.sink;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.schemas.http.LocalOnly;
import dev.bbinv.sink.db.Dialect;

/** The sink role's settings: where to read (Kafka, registry), where to write (JDBC), how to batch and retry, the API. */
public final class SinkConfig extends AbstractConfig {
    public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = PipelineSettings.KAFKA_BOOTSTRAP_SERVERS_CONFIG;
    public static final String SCHEMA_REGISTRY_URL_CONFIG = PipelineSettings.SCHEMA_REGISTRY_URL_CONFIG;
    public static final String JDBC_URL_CONFIG = "inventory.jdbc.url";
    public static final String JDBC_USER_CONFIG = "inventory.jdbc.user";
    public static final String JDBC_PASSWORD_CONFIG = "inventory.jdbc.password";
    public static final String GROUP_ID_CONFIG = "sink.group.id";
    public static final String BATCH_MAX_RECORDS_CONFIG = "sink.batch.max.records";
    public static final String POLL_TIMEOUT_MS_CONFIG = "sink.poll.timeout.ms";
    public static final String RETRY_BACKOFF_INITIAL_MS_CONFIG = "sink.retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "sink.retry.backoff.max.ms";
    public static final String API_ENABLED_CONFIG = "api.enabled";
    public static final String API_PORT_CONFIG = "api.port";
    public static final String API_BIND_ADDRESS_CONFIG = "api.bind.address";
    public static final String API_TOKEN_CONFIG = "api.token";
    /** Any {@code kafka.client.<name>} is passed to the Kafka consumer and producer as {@code <name>} (e.g. security settings). */
    public static final String KAFKA_CLIENT_PREFIX = PipelineSettings.KAFKA_CLIENT_PREFIX;

    public static final String DEFAULT_JDBC_URL = "jdbc:sqlite:./data/inventory.db";
    public static final String DEFAULT_GROUP_ID = "bbinv-sink";
    /** Big enough that a replay writes few transactions, small enough to hold in memory (a few KiB per record). */
    public static final int DEFAULT_BATCH_MAX_RECORDS = 20_000;

    public static final ConfigDef CONFIG_DEF = PipelineSettings.define(new ConfigDef())
            .define(JDBC_URL_CONFIG, Type.STRING, DEFAULT_JDBC_URL, Importance.HIGH,
                    "Inventory database: jdbc:sqlite:<file> (default, file under ./data) or jdbc:postgresql://host:port/db.")
            .define(JDBC_USER_CONFIG, Type.STRING, null, Importance.MEDIUM, "Database user (PostgreSQL).")
            .define(JDBC_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, "Database password (PostgreSQL).")
            .define(GROUP_ID_CONFIG, Type.STRING, DEFAULT_GROUP_ID, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Kafka consumer group. Offsets are committed to it after each database commit for lag monitoring; "
                            + "the sink resumes from the offsets stored in the database.")
            .define(BATCH_MAX_RECORDS_CONFIG, Type.INT, DEFAULT_BATCH_MAX_RECORDS, Range.between(1, 100_000), Importance.MEDIUM,
                    "Most records written in one database transaction (the consumer's max.poll.records).")
            .define(POLL_TIMEOUT_MS_CONFIG, Type.LONG, 500L, Range.between(10, 60_000), Importance.LOW,
                    "How long one poll waits for records, in milliseconds.")
            .define(RETRY_BACKOFF_INITIAL_MS_CONFIG, Type.LONG, 200L, Range.between(1, 600_000), Importance.LOW,
                    "First wait after a failed database write, in milliseconds; doubles on each failure.")
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 10_000L, Range.between(1, 600_000), Importance.LOW,
                    "Longest wait between database write attempts, in milliseconds.")
            .define(API_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, "Serve the HTTP query API.")
            .define(API_PORT_CONFIG, Type.INT, 8088, Range.between(0, 65_535), Importance.MEDIUM,
                    "Port of the HTTP query API; 0 picks a free port.")
            .define(API_BIND_ADDRESS_CONFIG, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Address the HTTP query API listens on; 0.0.0.0 for all interfaces.")
            .define(API_TOKEN_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                    "Bearer token the HTTP query API requires (Authorization: Bearer <token>); unset, the API answers "
                            + "anyone who can reach it, so the sink refuses to start when api.bind.address is not a "
                            + "loopback address.");

    public SinkConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, false);
        try {
            Dialect.of(jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(JDBC_URL_CONFIG, Dialect.redact(jdbcUrl()), e.getMessage());
        }
        if (retryBackoffMax().compareTo(retryBackoffInitial()) < 0) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS_CONFIG, getLong(RETRY_BACKOFF_MAX_MS_CONFIG),
                    "must be at least " + RETRY_BACKOFF_INITIAL_MS_CONFIG + " (" + getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG) + ")");
        }
        if (apiEnabled()) {
            LocalOnly.requireTokenOffLoopback(API_BIND_ADDRESS_CONFIG, apiBindAddress(), API_TOKEN_CONFIG, apiToken());
        }
    }

    public String bootstrapServers() {
        return getString(KAFKA_BOOTSTRAP_SERVERS_CONFIG);
    }

    public String jdbcUrl() {
        return getString(JDBC_URL_CONFIG);
    }

    public String jdbcUser() {
        return getString(JDBC_USER_CONFIG);
    }

    /** The database password, or null; only for handing to the driver. */
    public String jdbcPassword() {
        Password p = getPassword(JDBC_PASSWORD_CONFIG);
        return p == null ? null : p.value();
    }

    public String groupId() {
        return getString(GROUP_ID_CONFIG);
    }

    public int batchMaxRecords() {
        return getInt(BATCH_MAX_RECORDS_CONFIG);
    }

    public Duration pollTimeout() {
        return Duration.ofMillis(getLong(POLL_TIMEOUT_MS_CONFIG));
    }

    public Duration retryBackoffInitial() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    public boolean apiEnabled() {
        return getBoolean(API_ENABLED_CONFIG);
    }

    public int apiPort() {
        return getInt(API_PORT_CONFIG);
    }

    /** The API's bearer token, or null when the API is open. */
    public String apiToken() {
        Password token = getPassword(API_TOKEN_CONFIG);
        return token == null || token.value().isBlank() ? null : token.value();
    }

    public String apiBindAddress() {
        return getString(API_BIND_ADDRESS_CONFIG);
    }

    /** Extra Kafka client settings given as {@code kafka.client.<name>}, e.g. {@code kafka.client.security.protocol}. */
    public Map<String, Object> kafkaClientOverrides() {
        return PipelineSettings.kafkaClientOverrides(originals());
    }
}
