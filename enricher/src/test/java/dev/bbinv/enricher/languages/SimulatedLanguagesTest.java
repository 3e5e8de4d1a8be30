package dev.bbinv.enricher.languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.Estate;
import dev.bbinv.sim.estate.EstateGenerator;
import dev.bbinv.sim.estate.EstateSpec;

/** The simulator's Cloud estate uses Bitbucket's own language values, the enricher's list knows each of them. */
class SimulatedLanguagesTest {

    @Test
    void theDemoEstateSpeaksBitbucketsVocabularyIncludingWordsLinguistDoesNotHave() {
        Estate estate = EstateGenerator.generate(EstateSpec.demo(),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Set<String> used = new TreeSet<>();
        for (CloudRepo repo : estate.cloud().allRepositories()) {
            if (!repo.language().isEmpty()) {
                used.add(repo.language());
            }
        }
        Set<String> notLinguistNames = new TreeSet<>();
        for (String value : used) {
            assertTrue(BitbucketLanguages.cloud().linguistNames(value).isPresent(),
                    value + " is not one of Bitbucket's values");
            if (LanguageTable.linguist().canonical(value).isEmpty()) {
                notLinguistNames.add(value);
            }
        }
        assertEquals(Set.of("html/css", "nodejs", "other"), notLinguistNames, "used: " + used);
        // And what the enricher makes of them
        assertEquals(List.of(new AssetLanguage("JavaScript", "nodejs", LanguageSource.BITBUCKET, true)),
                LanguageMerge.merge("nodejs", List.of(), LanguageTable.linguist()));
        assertEquals(Optional.of(List.of()), BitbucketLanguages.cloud().linguistNames("other"));
    }
}
