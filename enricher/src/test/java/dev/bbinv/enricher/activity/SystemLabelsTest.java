package dev.bbinv.enricher.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.LanguageSource;

class SystemLabelsTest {
    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    private static final List<AssetLanguage> LANGUAGES = List.of(
            new AssetLanguage("Java", "java", LanguageSource.BITBUCKET, true),
            new AssetLanguage("Go", "golang", LanguageSource.MANUAL, true));

    @Test
    void languagesThenFreshnessThenNewRepositoryForSevenDays() {
        assertEquals(List.of("Java", "Go", "Active", "New repository"),
                SystemLabels.of(LANGUAGES, Freshness.ACTIVE, CREATED, CREATED.plus(Duration.ofDays(7)).minusMillis(1)));
        assertEquals(List.of("Java", "Go", "Dormant"),
                SystemLabels.of(LANGUAGES, Freshness.DORMANT, CREATED, CREATED.plus(Duration.ofDays(7))));
        assertEquals(List.of("N/A"), SystemLabels.of(List.of(), Freshness.NA, null, CREATED));
    }

    @Test
    void aCreationDateAheadOfTheClockBecomesNewWhenTheClockGetsThere() {
        Instant now = CREATED.minusSeconds(30);
        assertEquals(List.of("N/A"), SystemLabels.of(List.of(), Freshness.NA, CREATED, now));
        assertEquals(Optional.of(CREATED), SystemLabels.nextChange(CREATED, now));
        assertEquals(Optional.of(CREATED.plus(Duration.ofDays(7))), SystemLabels.nextChange(CREATED, CREATED));
        assertEquals(Optional.empty(), SystemLabels.nextChange(CREATED, CREATED.plus(Duration.ofDays(7))));
        assertEquals(Optional.empty(), SystemLabels.nextChange(null, now));
    }
}
