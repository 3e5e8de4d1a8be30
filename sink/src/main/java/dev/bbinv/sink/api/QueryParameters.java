package dev.bbinv.sink.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.bbinv.sink.db.RemovedFilter;

/** Pure: a raw query string as name → value, checked against the names an endpoint allows. */
public final class QueryParameters {
    static final int MAX_VALUE_LENGTH = 1_000;

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Decodes {@code rawQuery} (may be null); an unknown, repeated, empty or undecodable parameter is a 400. */
    public static QueryParameters parse(String rawQuery, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(name)) {
                    throw new BadRequestException("unknown parameter '" + printable(name) + "'; allowed: "
                            + String.join(", ", new TreeSet<>(allowed)));
                }
                if (values.containsKey(name)) {
                    throw new BadRequestException("parameter '" + name + "' is given more than once");
                }
                if (value.isEmpty()) {
                    throw new BadRequestException("parameter '" + name + "' needs a value");
                }
                if (value.length() > MAX_VALUE_LENGTH) {
                    throw new BadRequestException("parameter '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
                }
                values.put(name, value);
            }
        }
        return new QueryParameters(values);
    }

    public String get(String name) {
        return values.get(name);
    }

    /** An integer in [min, max], or the default when absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new BadRequestException("parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", got '" + printable(v) + "'");
    }

    /** {@code removed=false} (default: present only), {@code true} (removed only) or {@code any}. */
    public RemovedFilter removed(RemovedFilter defaultValue) {
        String v = values.get("removed");
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "false":
                return RemovedFilter.PRESENT_ONLY;
            case "true":
                return RemovedFilter.REMOVED_ONLY;
            case "any":
                return RemovedFilter.ANY;
            default:
                throw new BadRequestException("parameter 'removed' must be true, false or any, got '" + printable(v) + "'");
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the query string is not valid URL encoding: " + e.getMessage());
        }
    }

    /** Echoes user input in messages without control characters and at bounded length. */
    static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
