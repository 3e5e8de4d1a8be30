package dev.bbinv.sim.http;

import dev.bbinv.sim.auth.Credential;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the API handlers see it: path, decoded query parameters, the authenticated credential.
 *
 * @param segments  the decoded path segments after the API prefix (e.g. ["repositories", "acme"])
 * @param rawQuery  the query string as sent, or ""
 */
record SimRequest(String method, String path, List<String> segments, String rawQuery,
                  Map<String, List<String>> params, Credential credential) {

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }

    static List<String> splitPath(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s.replace("+", "%2B")));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The first value of a parameter, or null. */
    String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A parameter trimmed and lower-cased for a case-insensitive filter, or null when absent or blank. */
    String lowerCaseParam(String name) {
        String v = param(name);
        return v == null || v.isBlank() ? null : v.trim().toLowerCase(Locale.ROOT);
    }

    /** An integer parameter, {@code fallback} when absent; a malformed value is a {@link BadRequest}. */
    int intParam(String name, int fallback) {
        String v = param(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "Invalid " + name + ": '" + v + "' is not a number");
        }
    }
}
