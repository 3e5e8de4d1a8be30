package dev.bbinv.enricher.languages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical language names from GitHub Linguist's table (a copy of {@code languages.csv} on the class path), looked
 * up by name or alias ignoring case and surrounding or repeated space; a space and a dash between words are the same
 * ({@code bash session} / {@code bash-session}), as Linguist itself writes aliases with dashes.
 */
public final class LanguageTable {
    static final String RESOURCE = "/dev/bbinv/enricher/languages/languages.csv";

    // Compiled once: key() runs for every language of every asset built.
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final LanguageTable LINGUIST = load();

    private final Map<String, String> canonicalByKey;

    LanguageTable(Map<String, String> canonicalByKey) {
        this.canonicalByKey = Map.copyOf(canonicalByKey);
    }

    /** The Linguist table shipped with the enricher, loaded once. */
    public static LanguageTable linguist() {
        return LINGUIST;
    }

    /** The canonical name for {@code value} (a name or an alias), or empty when the table does not know it. */
    public Optional<String> canonical(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(canonicalByKey.get(key(value)));
    }

    public int size() {
        return canonicalByKey.size();
    }

    /** Parses the CSV lines {@code name,type,aliases(;-separated),extensions}; names win over other rows' aliases. */
    static LanguageTable parse(List<String> lines) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) { // line 0 is the header
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length < 3 || cols[0].isBlank()) {
                throw new IllegalArgumentException("languages table line " + (i + 1) + " is not name,type,aliases,extensions: " + line);
            }
            String name = cols[0].trim();
            names.putIfAbsent(key(name), name);
            for (String alias : cols[2].split(";")) {
                if (!alias.isBlank()) {
                    aliases.putIfAbsent(key(alias), name);
                }
            }
        }
        Map<String, String> all = new HashMap<>(aliases);
        all.putAll(names);
        return new LanguageTable(all);
    }

    /** Lower case, trimmed, inner whitespace and dashes between words as one space. */
    static String key(String value) {
        return WHITESPACE.matcher(value.trim().toLowerCase(Locale.ROOT)).replaceAll(" ").replace(' ', '-');
    }

    private static LanguageTable load() {
        try (InputStream in = LanguageTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the languages table " + RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the languages table " + RESOURCE, e);
        }
    }
}
