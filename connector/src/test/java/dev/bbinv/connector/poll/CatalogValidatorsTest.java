package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.CatalogFile.Status;

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
}
