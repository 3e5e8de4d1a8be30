package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.CatalogFile.Status;
import dev.bbinv.connector.config.CatalogSettings;

class CatalogValidatorsTest {
    private static CatalogFile found(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CatalogFile(Status.FOUND, bytes, bytes.length, null, "main");
    }

    @Test
    void theSameResultGivesTheSameValidatorAndAnotherContentOrStatusAnother() {
        assertEquals(CatalogValidators.ofResult(found("a: 1")), CatalogValidators.ofResult(found("a: 1")));
        assertNotEquals(CatalogValidators.ofResult(found("a: 1")), CatalogValidators.ofResult(found("a: 2")));
        assertNotEquals(CatalogValidators.ofResult(CatalogFile.absent("main")),
                CatalogValidators.ofResult(found("")));
        assertTrue(CatalogValidators.ofResult(CatalogFile.absent("main")).startsWith(CatalogValidators.RESULT));
    }

    @Test
    void onlyAnAbsentResultCountsAsAbsentWheneverFetchedAndOnWhateverBranch() {
        java.time.Instant t = java.time.Instant.parse("2026-11-29T00:00:00Z");
        assertTrue(CatalogValidators.isAbsent(CatalogValidators.ofResult(CatalogFile.absent("main"), t)));
        assertTrue(CatalogValidators.isAbsent(CatalogValidators.ofResult(CatalogFile.absent(null), t.plusSeconds(9))));
        assertFalse(CatalogValidators.isAbsent(CatalogValidators.ofResult(found("a: 1"), t)));
        assertFalse(CatalogValidators.isAbsent(CatalogValidators.ofResult(CatalogFile.unreadable("main", "x"), t)));
        assertFalse(CatalogValidators.isAbsent(null));
        assertFalse(CatalogValidators.isAbsent("2026-11-29T00:00:00Z"));
    }

    @Test
    void aResultIsDueAgainOnceTheRefreshIntervalHasPassedAndComparesWithoutItsFetchTime() {
        java.time.Instant t = java.time.Instant.parse("2026-11-29T00:00:00Z");
        String first = CatalogValidators.ofResult(found("a: 1"), t);
        String later = CatalogValidators.ofResult(found("a: 1"), t.plusSeconds(3600));
        assertNotEquals(first, later);
        assertTrue(CatalogValidators.sameResult(first, later));
        assertTrue(!CatalogValidators.sameResult(first, CatalogValidators.ofResult(found("a: 2"), t)));
        java.time.Duration day = java.time.Duration.ofDays(1);
        assertTrue(!CatalogValidators.due(first, t.plusSeconds(3600), day));
        assertTrue(CatalogValidators.due(first, t.plus(day), day));
        assertTrue(CatalogValidators.due(null, t, day), "never fetched");
        assertTrue(CatalogValidators.due(CatalogValidators.ofResult(found("a: 1")), t, day), "no fetch time recorded");
        assertTrue(CatalogValidators.due("2026-11-28T10:00:00+00:00", t, day), "a Cloud validator");
    }

    @Test
    void settingsFingerprintChangesWithTheFileTheKeysAndEnabledButNotTheKeysOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("owner", "spec.owner");
        ab.put("title", "metadata.title");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("title", "metadata.title");
        ba.put("owner", "spec.owner");
        String base = CatalogValidators.ofSettings(new CatalogSettings(true, "catalog-info.yaml", ab));
        assertEquals(base, CatalogValidators.ofSettings(new CatalogSettings(true, "catalog-info.yaml", ba)));
        assertNotEquals(base, CatalogValidators.ofSettings(new CatalogSettings(true, "backstage.yaml", ab)));
        assertNotEquals(base, CatalogValidators.ofSettings(new CatalogSettings(true, "catalog-info.yaml",
                Map.of("owner", "metadata.name", "title", "metadata.title"))));
        assertNotEquals(base, CatalogValidators.ofSettings(new CatalogSettings(true, "catalog-info.yaml", Map.of())));
        String off = CatalogValidators.ofSettings(new CatalogSettings(false, "catalog-info.yaml", ab));
        assertEquals(off, CatalogValidators.ofSettings(CatalogSettings.disabled()), "disabled is disabled, whatever file");
        assertNotEquals(base, off);
    }

    @Test
    void aCheckpointWithoutRecordedSettingsCountsAsCurrentAndAnyOtherDifferenceAsAChange() {
        assertFalse(CatalogValidators.settingsChanged(null, "catalog:x"), "written before settings were recorded");
        assertFalse(CatalogValidators.settingsChanged("catalog:x", "catalog:x"));
        assertTrue(CatalogValidators.settingsChanged("catalog:x", "off"));
        assertTrue(CatalogValidators.settingsChanged("off", "catalog:x"));
    }

    @Test
    void sameFileWhenOnlyTheAttributeKeysDifferAndBothAreEnabled() {
        String plain = CatalogValidators.ofSettings(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
        String keyed = CatalogValidators.ofSettings(new CatalogSettings(true, "catalog-info.yaml",
                Map.of("owner", "metadata.name")));
        assertTrue(CatalogValidators.sameFile(plain, keyed));
        assertFalse(CatalogValidators.sameFile(plain,
                CatalogValidators.ofSettings(new CatalogSettings(true, "backstage.yaml", Map.of()))));
        assertFalse(CatalogValidators.sameFile(plain, CatalogValidators.ofSettings(CatalogSettings.disabled())));
        assertFalse(CatalogValidators.sameFile(CatalogValidators.ofSettings(CatalogSettings.disabled()),
                CatalogValidators.ofSettings(CatalogSettings.disabled())));
        assertFalse(CatalogValidators.sameFile(null, plain));
    }
}
