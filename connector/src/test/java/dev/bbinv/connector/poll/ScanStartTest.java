package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.avro.ScopeProgress;

class ScanStartTest {
    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    private static final ScopeKey REPOS = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final String SETTINGS = CatalogValidators.ofSettings(CatalogSettings.disabled());

    private static ScopeProgress.Builder scannedBefore() {
        return ScopeProgress.newBuilder().setWatermark("2026-11-30T00:00:00Z").setCatalogSettings(SETTINGS)
                .setLastCompleteScanAt(NOW.minusSeconds(60));
    }

    @Test
    void resumesTheScanInProgressAfterItsLastPage() {
        ScopeProgress progress = scannedBefore().setScanInProgress("2026-12-01T02:00:00Z/x").setScanComplete(true)
                .setCursor("page-3").setPagesDone(2).setPendingWatermark("2026-12-01T01:00:00Z").build();

        ScanStart start = ScanStart.of(progress, REPOS, false, true, SETTINGS, NOW);

        assertEquals(new ScanStart("2026-12-01T02:00:00Z/x", true, "2026-11-30T00:00:00Z", "page-3", 2,
                "2026-12-01T01:00:00Z", true), start);
    }

    @Test
    void startsAnIncrementalScanOnlyWithAWatermarkAnIncrementalListingAndUnchangedSettings() {
        ScanStart start = ScanStart.of(scannedBefore().build(), REPOS, false, true, SETTINGS, NOW);

        assertFalse(start.complete());
        assertFalse(start.resumed());
        assertNull(start.cursor());
        assertEquals(0, start.pagesDone());
        assertEquals(NOW, ScanIds.startedAt(start.scanId()));
    }

    @Test
    void startsACompleteScanOtherwise() {
        ScopeProgress scanned = scannedBefore().build();
        assertTrue(ScanStart.of(scanned, REPOS, true, true, SETTINGS, NOW).complete(), "wanted");
        assertTrue(ScanStart.of(null, REPOS, false, true, SETTINGS, NOW).complete(), "never scanned");
        assertTrue(ScanStart.of(scanned, REPOS, false, false, SETTINGS, NOW).complete(), "no incremental listing");
        assertTrue(ScanStart.of(scanned, new ScopeKey("p", Entity.USERS, "acme"), false, true, SETTINGS, NOW)
                .complete(), "users");
        assertTrue(ScanStart.of(scanned, REPOS, false, true, "other settings", NOW).complete(), "settings changed");
    }
}
