package dev.bbinv.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.config.ConfigDef;

import dev.bbinv.connector.config.ConnectorConfig;
import dev.bbinv.connector.config.EnvKeys;
import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.ops.OpsConfig;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sink.SinkConfig;

/**
 * The settings of every role in one map: defaults the command chooses, then {@code BBINV_*} environment variables,
 * then {@code --set key=value} options, later sources winning. Each role validates the keys it defines.
 */
final class Settings {
    static final String BOOTSTRAP = ConnectorConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG;
    static final String REGISTRY = ConnectorConfig.SCHEMA_REGISTRY_URL_CONFIG;
    static final String JDBC_URL = SinkConfig.JDBC_URL_CONFIG;

    private Settings() {}

    /** Every key some role defines, for the environment mapping and for rejecting a misspelt {@code --set}. */
    static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigDef def : List.of(ConnectorConfig.CONFIG_DEF, EnricherConfig.CONFIG_DEF, SinkConfig.CONFIG_DEF,
                OpsConfig.CONFIG_DEF)) {
            keys.addAll(def.names());
        }
        return Collections.unmodifiableSet(keys);
    }

    /** Pure: merges the sources; a {@code --set} entry must be {@code key=value} with a key some role knows. */
    static Map<String, Object> merge(Map<String, ?> defaults, Map<String, String> environment, List<String> sets) {
        Set<String> known = knownKeys();
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        out.putAll(EnvKeys.configFrom(environment, known));
        environment.forEach((variable, value) -> {
            String key = EnvKeys.keyOf(variable);
            if (key != null && key.startsWith(PipelineSettings.KAFKA_CLIENT_PREFIX)) {
                out.put(key, value);
            }
        });
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes key=value, got '" + set + "'");
            }
            String key = set.substring(0, eq).trim();
            if (!known.contains(key) && !key.startsWith(PipelineSettings.KAFKA_CLIENT_PREFIX)) {
                throw new IllegalArgumentException("--set " + key + ": unknown setting; the settings are listed in README.md");
            }
            out.put(key, set.substring(eq + 1));
        }
        return out;
    }

    static boolean has(Map<String, ?> settings, String key) {
        Object value = settings.get(key);
        return value != null && !value.toString().isBlank();
    }
}
