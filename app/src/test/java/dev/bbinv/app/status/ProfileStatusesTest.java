package dev.bbinv.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;

class ProfileStatusesTest {
    private static final Instant AT = Instant.parse("2026-11-28T15:00:00Z");

    @Test
    void everyProfileIsSyncingUntilTheFirstSyncIsReported() {
        List<Map<String, Object>> out = ProfileStatuses.of(List.of("a", "b"), null, null, Map.of());
        assertEquals("Syncing", out.get(0).get("state"));
        assertEquals("Syncing", out.get(1).get("state"));
        assertNull(out.get(0).get("firstSyncCompletedAt"));
    }

    @Test
    void aStoppedProfileFailedWithItsReasonAndTheOthersAreConnected() {
        List<ProfileSync> syncs = List.of(new ProfileSync("a", false, null, List.of()),
                new ProfileSync("b", true, "GET /2.0/user/workspaces answered 401", List.of()));
        List<Map<String, Object>> out = ProfileStatuses.of(List.of("a", "b"), syncs, AT,
                Map.of("a", new ProfileStatuses.Counts(12, 3, 1)));

        assertEquals("Connected", out.get(0).get("state"));
        assertEquals("2026-11-28T15:00:00Z", out.get(0).get("firstSyncCompletedAt"));
        assertEquals(12L, out.get(0).get("repositories"));
        assertEquals(1L, out.get(0).get("removed"));
        assertEquals("Connection failed", out.get(1).get("state"));
        assertEquals("GET /2.0/user/workspaces answered 401", out.get(1).get("reason"));
        assertEquals("GET /2.0/user/workspaces answered 401", out.get(1).get("lastError"));
        assertNull(out.get(1).get("firstSyncCompletedAt"));
        assertFalse(out.get(1).containsKey("repositories"), "no counts without a database");
    }
}
