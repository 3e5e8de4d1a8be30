package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.ScopeProgress;

class ScanCheckpointsTest {
    private static final ScopeKey KEY = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final Instant START = Instant.parse("2026-11-29T03:00:00Z");
    private static final String SCAN = ScanIds.newId(START);
    private static final String OLD = "2026-11-28T00:00:00+00:00";
    private static final Instant LAST_COMPLETE = Instant.parse("2026-11-28T01:00:00Z");

    private static ConnectorState stateWithEarlierScan() {
        ConnectorState state = new ConnectorState();
        ScanCheckpoints earlier = new ScanCheckpoints(state, KEY, "old-scan", true, null, "CLOUD", "https://x", "me");
        state.apply(KEY.checkpointKey(), earlier.scopeRecord(earlier.closed(true, OLD, START, "catalog:a:b")
                .setLastCompleteScanId("old-scan").setLastCompleteScanAt(LAST_COMPLETE).build()));
        return state;
    }

    private static ScanCheckpoints scan(ConnectorState state) {
        return new ScanCheckpoints(state, KEY, SCAN, true, OLD, "CLOUD", "https://x", "me");
    }

    @Test
    void inProgressCarriesTheCursorAndKeepsTheLastCompleteScanAndWatermark() {
        ScopeProgress progress = scan(stateWithEarlierScan()).inProgress("c2", 2, "2026-11-29T01:00:00+00:00");
        assertEquals(SCAN, progress.getScanInProgress());
        assertTrue(progress.getScanComplete());
        assertEquals("c2", progress.getCursor());
        assertEquals(2, progress.getPagesDone());
        assertEquals("2026-11-29T01:00:00+00:00", progress.getPendingWatermark());
        assertEquals(OLD, progress.getWatermark(), "the watermark moves only when the scan closes");
        assertEquals("old-scan", progress.getLastCompleteScanId());
        assertEquals(LAST_COMPLETE, progress.getLastCompleteScanAt());
        assertEquals("catalog:a:b", progress.getCatalogSettings());
        assertEquals("me", progress.getOwner());
    }

    @Test
    void aTrustedCloseMovesTheWatermarkCappedAtTheScanStart() {
        ScopeProgress done = scan(stateWithEarlierScan()).closed(true, "2026-11-29T04:00:00+00:00", START, null).build();
        assertEquals(Watermarks.capped("2026-11-29T04:00:00+00:00", START), done.getWatermark());
        assertNull(done.getScanInProgress());
        assertEquals("old-scan", done.getLastCompleteScanId());
        assertEquals("catalog:a:b", done.getCatalogSettings(), "kept unless every repository now has new ones");
    }

    @Test
    void anUntrustedCloseKeepsTheWatermarkAndNewSettingsReplaceTheRecordedOnes() {
        ScanCheckpoints checkpoints = scan(stateWithEarlierScan());
        assertEquals(OLD, checkpoints.closed(false, "2026-11-29T02:00:00+00:00", START, null).build().getWatermark());
        assertEquals("off", checkpoints.closed(true, null, START, "off").build().getCatalogSettings());
    }

    @Test
    void recordsNameTheirScopeAndKind() {
        ConnectorCheckpoint scope = scan(new ConnectorState()).scopeRecord(
                scan(new ConnectorState()).inProgress(null, 1, null));
        assertEquals(CheckpointKind.SCOPE, scope.getKind());
        assertEquals("repositories", scope.getEntity());
        assertEquals("acme", scope.getScope());
        ConnectorCheckpoint entity = ScanCheckpoints.entityRecord(KEY,
                new EntityProgress("{u}", null, SCAN, null, "f", null, null));
        assertEquals(CheckpointKind.ENTITY, entity.getKind());
        assertEquals("{u}", entity.getEntityProgress().getSourceId());
        assertNull(entity.getScopeProgress());
    }
}
