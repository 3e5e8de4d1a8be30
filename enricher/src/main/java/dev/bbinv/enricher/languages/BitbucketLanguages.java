package dev.bbinv.enricher.languages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket Cloud's fixed list of repository {@code language} values (lower case, e.g. {@code nodejs},
 * {@code html/css}) and the Linguist names each one stands for: a copy of {@code bitbucket-cloud-languages.csv} on
 * the class path (where it came from: {@code SOURCES.md} beside it). A value with no Linguist name maps to none.
 * Lookups are pure.
 */
public final class BitbucketLanguages {
    static final String RESOURCE = "/dev/bbinv/enricher/languages/bitbucket-cloud-languages.csv";
    private static final String HEADER = "bitbucket,linguist";
    private static final BitbucketLanguages CLOUD = load();

    private final Map<String, List<String>> linguistByKey;
    private final List<String> values;

    private BitbucketLanguages(Map<String, List<String>> linguistByKey, List<String> values) {
        this.linguistByKey = Map.copyOf(linguistByKey);
        this.values = List.copyOf(values);
    }

    /** The list shipped with the enricher, loaded once. */
    public static BitbucketLanguages cloud() {
        return CLOUD;
    }

    /** Bitbucket's values, in the file's order. */
    public List<String> values() {
        return values;
    }

    /**
     * The Linguist names of {@code value} (ignoring case and surrounding space) when it is one of Bitbucket's values:
     * usually one, two for {@code html/css}, none for a value Linguist has no name for ({@code other}). Empty when
     * the value is not on Bitbucket's list.
     */
    public Optional<List<String>> linguistNames(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(linguistByKey.get(LanguageTable.key(value)));
    }

    /**
     * Parses the CSV lines {@code bitbucket,linguist(;-separated, may be empty)}. Every Linguist name must be a
     * canonical name of {@code linguist}, so that a typo in the file fails the start instead of an asset.
     */
    static BitbucketLanguages parse(List<String> lines, LanguageTable linguist) {
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException("the Bitbucket languages table must start with the header " + HEADER);
        }
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length != 2 || cols[0].isBlank()) {
                throw new IllegalArgumentException("Bitbucket languages line " + (i + 1) + " is not bitbucket,linguist: "
                        + line);
            }
            String value = cols[0].trim();
            List<String> names = new ArrayList<>();
            for (String name : cols[1].split(";")) {
                if (name.isBlank()) {
                    continue;
                }
                String trimmed = name.trim();
                if (!linguist.canonical(trimmed).equals(Optional.of(trimmed))) {
                    throw new IllegalArgumentException("Bitbucket languages line " + (i + 1) + ": '" + trimmed
                            + "' is not a Linguist language name");
                }
                names.add(trimmed);
            }
            if (byKey.putIfAbsent(LanguageTable.key(value), List.copyOf(names)) != null) {
                throw new IllegalArgumentException("Bitbucket languages line " + (i + 1) + " repeats '" + value + "'");
            }
            values.add(value);
        }
        return new BitbucketLanguages(byKey, values);
    }

    private static BitbucketLanguages load() {
        try (InputStream in = BitbucketLanguages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Bitbucket languages table " + RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList(), LanguageTable.linguist());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Bitbucket languages table " + RESOURCE, e);
        }
    }
}
