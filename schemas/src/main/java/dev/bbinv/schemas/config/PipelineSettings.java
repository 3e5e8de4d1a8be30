package dev.bbinv.schemas.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * The settings every role shares, defined once: where Kafka and the schema registry are, how to authenticate to the
 * registry, and {@code kafka.client.*} pass-through keys for the Kafka clients (security, SASL, TLS). Every role's
 * {@link ConfigDef} starts from {@link #define(ConfigDef)}, so one settings file configures them all alike.
 */
public final class PipelineSettings {
    public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = "kafka.bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String SCHEMA_REGISTRY_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
    /** {@code kafka.client.<name>=<value>} reaches every Kafka client of every role as {@code <name>=<value>}. */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    /**
     * Kafka client settings the roles' guarantees rest on (one connector per transactional id, exactly-once reads of
     * committed transactions only, writes acknowledged by every in-sync replica), which {@code kafka.client.*} may not change.
     */
    public static final java.util.Set<String> GUARANTEED_CLIENT_SETTINGS = java.util.Set.of("transactional.id", "acks",
            "isolation.level", "enable.idempotence");

    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    private PipelineSettings() {}

    /** Adds the shared keys to {@code def} and returns it. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(KAFKA_BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(), Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port].")
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new HttpUrl(),
                        Importance.HIGH, "Confluent-compatible schema registry URL.")
                .define(SCHEMA_REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "user:password for the schema registry's HTTP Basic authentication, if it needs one.");
    }

    /**
     * The {@code kafka.client.*} entries of {@code settings} with the prefix removed, for a Kafka client's properties.
     * Pure. The bootstrap servers are not taken from here: they have their own key.
     *
     * @throws ConfigException naming the key when it would override one of {@link #GUARANTEED_CLIENT_SETTINGS}
     */
    public static Map<String, Object> kafkaClientOverrides(Map<String, ?> settings) {
        Map<String, Object> out = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(KAFKA_CLIENT_PREFIX)
                    && GUARANTEED_CLIENT_SETTINGS.contains(key.substring(KAFKA_CLIENT_PREFIX.length()))) {
                throw new ConfigException(key, value, "cannot be overridden: bbinv sets "
                        + key.substring(KAFKA_CLIENT_PREFIX.length()) + " itself because its delivery guarantees rest on"
                        + " it (transactional.id has its own key for the connector); remove the setting");
            }
            if (key.startsWith(KAFKA_CLIENT_PREFIX) && key.length() > KAFKA_CLIENT_PREFIX.length() && value != null) {
                out.put(key.substring(KAFKA_CLIENT_PREFIX.length()), value instanceof Password p ? p.value() : value);
            }
        });
        out.remove("bootstrap.servers");
        return out;
    }

    /** The registry client a role's validated {@code config} describes, with its Basic credentials if any. */
    public static SchemaRegistryClient registryClient(AbstractConfig config) {
        return registryClient(config.values());
    }

    /** The registry client of a settings map (values as strings or parsed); the URL must be present. */
    public static SchemaRegistryClient registryClient(Map<String, ?> settings) {
        Object url = settings.get(SCHEMA_REGISTRY_URL_CONFIG);
        if (url == null) {
            throw new ConfigException(SCHEMA_REGISTRY_URL_CONFIG, null, "a schema registry URL is required");
        }
        Object userInfo = settings.get(SCHEMA_REGISTRY_USER_INFO_CONFIG);
        String credentials = userInfo == null ? null : userInfo instanceof Password p ? p.value() : userInfo.toString();
        return new HttpSchemaRegistryClient(URI.create(url.toString().trim()), credentials, REGISTRY_TIMEOUT);
    }

    /** Properties of an admin client: the {@code kafka.client.*} settings and the bootstrap servers. Pure. */
    public static Map<String, Object> adminProperties(Map<String, ?> settings) {
        Map<String, Object> props = kafkaClientOverrides(settings);
        props.put("bootstrap.servers", settings.get(KAFKA_BOOTSTRAP_SERVERS_CONFIG));
        return props;
    }

    public static URI registryUrl(AbstractConfig config) {
        return URI.create(config.getString(SCHEMA_REGISTRY_URL_CONFIG).trim());
    }

    /** {@code url} for printing: credentials in it ({@code user:password@}, {@code password=...}) become {@code [hidden]}, as Kafka prints passwords. Pure. */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("//[^/@?#]*@", "//[hidden]@").replaceAll("(?i)(password=)[^&;]*", "$1[hidden]");
    }

    /** Accepts an absolute http or https URL. */
    public static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "an http(s) URL is required");
            }
            try {
                URI uri = new URI(value.toString().trim());
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new ConfigException(name, withoutCredentials(value.toString()),
                            "must be an absolute http:// or https:// URL");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, withoutCredentials(value.toString()), "not a URL: " + e.getReason());
            }
        }

        @Override
        public String toString() {
            return "an absolute http(s) URL";
        }
    }
}
