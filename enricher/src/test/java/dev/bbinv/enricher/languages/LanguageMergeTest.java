package dev.bbinv.enricher.languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.LanguageTagEvent;

class LanguageMergeTest {
    private final LanguageTable table = LanguageTable.linguist();

    @Test
    void bitbucketLanguageIsCanonicalisedAndKeepsTheRawValue() {
        assertEquals(List.of(new AssetLanguage("C#", "csharp", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("csharp", List.of(), table));
    }

    @Test
    void anEmptyBitbucketLanguageMeansNone() {
        assertEquals(List.of(), LanguageMerge.merge("", List.of(), table));
        assertEquals(List.of(), LanguageMerge.merge(null, List.of(), table));
    }

    @Test
    void manualTagsOverrideTheBitbucketLanguage() {
        assertEquals(List.of(
                        new AssetLanguage("Go", "golang", LanguageSource.MANUAL, true),
                        new AssetLanguage("JavaScript", "JS", LanguageSource.MANUAL, true)),
                LanguageMerge.merge("python", List.of("golang", "JS"), table));
    }

    @Test
    void clearedManualTagsBringTheBitbucketLanguageBack() {
        assertEquals(List.of(new AssetLanguage("Python", "python", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("python", List.of(), table));
        assertEquals(List.of(new AssetLanguage("Python", "python", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("python", List.of(" ", ""), table));
    }

    @Test
    void unknownValuesAreKeptAsGivenAndMarkedUnrecognised() {
        assertEquals(List.of(
                        new AssetLanguage("Java", "jAvA", LanguageSource.MANUAL, true),
                        new AssetLanguage("Cobolish 2000", " Cobolish 2000 ", LanguageSource.MANUAL, false)),
                LanguageMerge.merge(null, List.of("jAvA", " Cobolish 2000 "), table));
    }

    @Test
    void theSameLanguageTaggedTwiceIsListedOnce() {
        assertEquals(List.of(new AssetLanguage("C#", "c#", LanguageSource.MANUAL, true)),
                LanguageMerge.merge(null, List.of("c#", "csharp", "C#"), table));
    }

    @Test
    void tagEventsTrimAndDropBlankAndRepeatedValues() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        LanguageTagEvent event = LanguageTags.set("cloud:abc", List.of(" Go ", "", "Go", "rust"), at, "cli");
        assertEquals(List.of("Go", "rust"), event.getLanguages());
        assertEquals("cloud:abc", event.getRepositoryId());
        assertEquals(List.of(), LanguageTags.clear("cloud:abc", at, "cli").getLanguages());
        assertThrows(IllegalArgumentException.class, () -> LanguageTags.set(" ", List.of("Go"), at, "cli"));
    }

    @Test
    void previewShowsWhatTheEnricherWillRecord() {
        assertEquals(List.of(new AssetLanguage("Go", "golang", LanguageSource.MANUAL, true),
                        new AssetLanguage("klingon", "klingon", LanguageSource.MANUAL, false)),
                LanguageTags.preview(List.of("golang", "klingon")));
    }
}
