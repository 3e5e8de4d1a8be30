package dev.bbinv.connector.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of one profile mapping as its sections read them: {@code ${VAR}} substituted, types checked, and each
 * bad value recorded as a problem (never thrown) naming the profile and the full key, so a file's problems are all
 * reported at once.
 */
final class ProfileValues {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final int number;
    private final Map<?, ?> profile;
    private final Map<String, String> env;
    private final List<String> problems;
    /** The profile's name once read; null while unknown, when problems name it by its number. */
    private String name;

    ProfileValues(int number, Map<?, ?> profile, Map<String, String> env, List<String> problems) {
        this.number = number;
        this.profile = profile;
        this.env = env;
        this.problems = problems;
    }

    /** The profile's own mapping, whose keys hold the sections. */
    Map<?, ?> profile() {
        return profile;
    }

    /** Names the profile in the problems found from now on. */
    void named(String name) {
        this.name = name;
    }

    /** The profile's name once read; null while unknown or when it has none. */
    String name() {
        return name;
    }

    String label() {
        return name == null ? "profile #" + number : "profile '" + name + "'";
    }

    /** Problems found so far in the whole file. */
    int problemCount() {
        return problems.size();
    }

    /** Records a problem with {@code key}; a message starting with a space continues the key's own sentence. */
    void problem(String key, String message) {
        problems.add(label() + ": key '" + key + "'" + (message.startsWith(" ") ? "" : ": ") + message);
    }

    /** A single value, substituted; null when absent, not a single value, or referring to an unset variable. */
    String string(Map<?, ?> map, String key, String fullKey) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problem(fullKey, "expected a single value");
            return null;
        }
        return substitute(String.valueOf(value), fullKey);
    }

    boolean bool(Map<?, ?> map, String key, String fullKey, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = substitute(String.valueOf(value), fullKey);
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        problem(fullKey, "'" + value + "' must be true or false");
        return fallback;
    }

    /** Replaces {@code ${VAR}}; a missing variable is a problem naming the key and the variable, never a value. */
    String substitute(String text, String fullKey) {
        Matcher matcher = ENV_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value == null) {
                problem(fullKey, "refers to ${" + matcher.group(1) + "}, which is not set in the environment");
                ok = false;
                value = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return ok ? out.toString() : null;
    }

    /** Records a problem for each key of {@code map} not in {@code allowed}, naming it with its section's prefix. */
    void unknownKeys(Map<?, ?> map, Set<String> allowed, String prefix) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problems.add(label() + ": unknown key '" + prefix + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
