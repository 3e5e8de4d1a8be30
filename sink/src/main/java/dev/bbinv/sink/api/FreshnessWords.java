package dev.bbinv.sink.api;

import java.util.Locale;
import java.util.Map;

/**
 * Pure: the words Snyk shows for a repository's freshness (Active, Inactive, Dormant, N/A) and the schema symbols the
 * database stores (ACTIVE, INACTIVE, DORMANT, NA).
 */
public final class FreshnessWords {
    private static final Map<String, String> WORDS = Map.of("ACTIVE", "Active", "INACTIVE", "Inactive",
            "DORMANT", "Dormant", "NA", "N/A");

    /** The word for a stored symbol; an unknown symbol (a newer enricher's) is shown as stored. */
    public static String word(String symbol) {
        return symbol == null ? null : WORDS.getOrDefault(symbol, symbol);
    }

    /** The stored symbol for a word or symbol in any case ({@code dormant}, {@code N/A}, {@code na}), or null. */
    public static String symbol(String word) {
        String upper = word.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("N/A")) {
            return "NA";
        }
        return WORDS.containsKey(upper) ? upper : null;
    }

    private FreshnessWords() {}
}
