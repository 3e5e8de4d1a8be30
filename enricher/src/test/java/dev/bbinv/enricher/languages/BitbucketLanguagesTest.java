package dev.bbinv.enricher.languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.LanguageSource;

class BitbucketLanguagesTest {
    private final LanguageTable linguist = LanguageTable.linguist();
    private final BitbucketLanguages bitbucket = BitbucketLanguages.cloud();

    /** Bitbucket's values that are not Linguist's words for the language (checked by hand against languages.csv). */
    private static final Map<String, List<String>> NOT_LINGUIST_WORDS = Map.ofEntries(
            Map.entry("nodejs", List.of("JavaScript")),
            Map.entry("node.js", List.of("JavaScript")),
            Map.entry("html/css", List.of("HTML", "CSS")),
            Map.entry("sass/scss", List.of("Sass", "SCSS")),
            Map.entry("duby", List.of("Mirah")),
            Map.entry("nimrod", List.of("Nim")),
            Map.entry("sclang", List.of("SuperCollider")),
            Map.entry("arduino", List.of("C++")),
            Map.entry("object pascal", List.of("Pascal")),
            Map.entry("pl/sql", List.of("PLSQL")),
            Map.entry("z shell", List.of("Shell")),
            Map.entry("other", List.of()),
            Map.entry("android", List.of()),
            Map.entry("touchdesigner", List.of()),
            Map.entry("uniface", List.of()));

    @Test
    void everyValueOfBitbucketsListBecomesItsLinguistNamesOrStaysAsGivenUnrecognised() throws IOException {
        List<String[]> rows = rows();
        assertEquals(rows.size(), bitbucket.values().size());
        assertTrue(rows.size() >= 135, "the whole list: " + rows.size());
        for (String[] row : rows) {
            String value = row[0];
            List<String> expected = row[1].isEmpty() ? List.of() : List.of(row[1].split(";"));
            List<AssetLanguage> languages = LanguageMerge.merge(value, List.of(), linguist);
            if (expected.isEmpty()) {
                assertEquals(List.of(new AssetLanguage(value, value, LanguageSource.BITBUCKET, false)), languages,
                        value);
                assertEquals(Optional.empty(), linguist.canonical(value), value + " has no Linguist name");
                continue;
            }
            List<AssetLanguage> wanted = new ArrayList<>();
            for (String name : expected) {
                // Every name is Linguist's canonical spelling, so the asset says what Linguist would.
                assertEquals(Optional.of(name), linguist.canonical(name), value + " -> " + name);
                wanted.add(new AssetLanguage(name, value, LanguageSource.BITBUCKET, true));
            }
            assertEquals(wanted, languages, value);
        }
    }

    @Test
    void runtimeAndCombinedValuesAreMappedNotLeftUnrecognised() {
        NOT_LINGUIST_WORDS.forEach((value, names) -> {
            assertEquals(Optional.of(names), bitbucket.linguistNames(value), value);
            if (!names.isEmpty()) {
                // Linguist alone would not know these: the mapping is what recognises them.
                assertEquals(Optional.empty(), linguist.canonical(value), value);
            }
        });
        assertEquals(List.of(new AssetLanguage("JavaScript", "nodejs", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("nodejs", List.of(), linguist));
        assertEquals(List.of(new AssetLanguage("HTML", "html/css", LanguageSource.BITBUCKET, true),
                        new AssetLanguage("CSS", "html/css", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("html/css", List.of(), linguist));
    }

    @Test
    void aValueOffTheListIsLookedUpInLinguistsTable() {
        assertEquals(Optional.empty(), bitbucket.linguistNames("csharp"));
        assertEquals(List.of(new AssetLanguage("C#", "csharp", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("csharp", List.of(), linguist));
        assertEquals(List.of(new AssetLanguage("klingon", "klingon", LanguageSource.BITBUCKET, false)),
                LanguageMerge.merge("klingon", List.of(), linguist));
    }

    @Test
    void lookupsIgnoreCaseAndSurroundingSpaceAndKeepTheRawValue() {
        assertEquals(List.of(new AssetLanguage("JavaScript", " NodeJS ", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge(" NodeJS ", List.of(), linguist));
        assertEquals(Optional.of(List.of("Common Lisp")), bitbucket.linguistNames("Common Lisp"));
    }

    @Test
    void manualTagsStayInLinguistsVocabulary() {
        // "nodejs" typed as a tag is the user's word, not Bitbucket's: it is kept unrecognised, as Linguist says.
        assertEquals(List.of(new AssetLanguage("nodejs", "nodejs", LanguageSource.MANUAL, false)),
                LanguageMerge.merge("python", List.of("nodejs"), linguist));
    }

    @Test
    void aTableWithANameLinguistDoesNotKnowIsRefusedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitbucketLanguages.parse(
                List.of("bitbucket,linguist", "java,Java", "nodejs,Javascript"), linguist));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("'Javascript'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BitbucketLanguages.parse(
                List.of("bitbucket,linguist", "java,Java", "Java,Java"), linguist));
        assertTrue(e.getMessage().contains("repeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BitbucketLanguages.parse(
                List.of("name,type,aliases,extensions", "java,Java"), linguist));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
        assertFalse(BitbucketLanguages.parse(List.of("bitbucket,linguist", "other,"), linguist)
                .linguistNames("other").orElseThrow().iterator().hasNext());
    }

    private static List<String[]> rows() throws IOException {
        try (InputStream in = BitbucketLanguages.class.getResourceAsStream(BitbucketLanguages.RESOURCE)) {
            List<String[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split(",", -1));
                }
            }
            return rows;
        }
    }
}
