package dev.bbinv.connector.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Maps environment variables to config keys: {@code BBINV_POLL_INTERVAL_MS} → {@code poll.interval.ms}. Pure. */
public final class EnvKeys {
    public static final String PREFIX = "BBINV_";

    /** The config key an environment variable names, or null when it does not start with {@value #PREFIX}. */
    public static String keyOf(String variable) {
        if (variable == null || !variable.startsWith(PREFIX) || variable.length() == PREFIX.length()) {
            return null;
        }
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The settings among {@code env} whose key is one of {@code knownKeys}; other variables are ignored. */
    public static Map<String, String> configFrom(Map<String, String> env, Set<String> knownKeys) {
        Map<String, String> config = new TreeMap<>();
        env.forEach((variable, value) -> {
            String key = keyOf(variable);
            if (key != null && knownKeys.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }

    private EnvKeys() {}
}
