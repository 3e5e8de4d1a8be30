package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.avro.EntityProgress;

/** Which entities a scan has seen in this process, across its runs, and how many it saw when it closes. */
class SeenInScansTest {
    private static final ScopeKey ACME = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final ScopeKey BETA = new ScopeKey("p", Entity.REPOSITORIES, "beta");

    @Test
    void aLaterRunOfTheSameScanContinuesItsSet() {
        SeenInScans scans = new SeenInScans();
        SeenInScans.Seen first = scans.begin(ACME, "scan-1");
        assertFalse(first.earlierRunsHere(), "the scan's first run in this process");
        first.sourceIds().addAll(Set.of("{a}", "{b}"));

        SeenInScans.Seen again = scans.begin(ACME, "scan-1");

        assertTrue(again.earlierRunsHere());
        assertSame(first.sourceIds(), again.sourceIds());
        assertTrue(again.sourceIds().contains("{a}") && again.sourceIds().contains("{b}"));
    }

    @Test
    void aNewScanStartsANewSetAndItsPredecessorIsForgotten() {
        SeenInScans scans = new SeenInScans();
        SeenInScans.Seen old = scans.begin(ACME, "scan-1");
        old.sourceIds().add("{a}");

        SeenInScans.Seen next = scans.begin(ACME, "scan-2");

        assertFalse(next.earlierRunsHere());
        assertNotSame(old.sourceIds(), next.sourceIds());
        assertEquals(0, next.sourceIds().size());
        SeenInScans.Seen oldAgain = scans.begin(ACME, "scan-1");
        assertFalse(oldAgain.earlierRunsHere(), "one scan per scope is kept: the old one's set is gone");
        assertEquals(0, oldAgain.sourceIds().size());
    }

    @Test
    void eachScopeKeepsItsOwnScan() {
        SeenInScans scans = new SeenInScans();
        scans.begin(ACME, "scan-1").sourceIds().add("{a}");

        SeenInScans.Seen beta = scans.begin(BETA, "scan-1");
        SeenInScans.Seen acme = scans.begin(ACME, "scan-1");

        assertFalse(beta.earlierRunsHere(), "a scan id of another scope is another scan");
        assertTrue(acme.earlierRunsHere(), "beginning another scope's scan keeps this one's");
        assertTrue(acme.sourceIds().contains("{a}"));
    }

    @Test
    void aClosingScanCountsItsLastPageOnceAndWhatOnlyCheckpointsKnow() {
        // Given: pages committed in this process ({a}, {b}), a last page not committed yet that repeats {b}, and
        // checkpoints: {c} seen by this scan in another process, {b} by it here, {d} by an older scan
        SourceIdSet committed = new SourceIdSet();
        committed.addAll(Set.of("{a}", "{b}"));
        SeenInScans.Sighted seen = new SeenInScans.Sighted(committed, Set.of("{b}", "{e}"));
        try (ConnectorState state = new ConnectorState()) {
            put(state, "{b}", "scan-1");
            put(state, "{c}", "scan-1");
            put(state, "{d}", "scan-0");

            // Then
            assertTrue(seen.contains("{a}") && seen.contains("{e}"));
            assertFalse(seen.contains("{c}"));
            assertEquals(3, seen.size(), "{a}, {b}, {e}");
            assertEquals(4, SeenInScans.distinct(state, ACME, "scan-1", seen), "{a}, {b}, {e} and {c}");
            assertEquals(2, committed.size(), "the view does not add the last page to the set");
        }
    }

    private static void put(ConnectorState state, String id, String scanId) {
        state.apply(ACME.entityKey(id), ScanCheckpoints.entityRecord(ACME,
                new EntityProgress(id, "2026-12-01T00:00:00+00:00", scanId, "v-" + id, "fp-" + id,
                        "catalog:settings", null)));
    }
}
