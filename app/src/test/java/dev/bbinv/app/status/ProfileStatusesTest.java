package dev.bbinv.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ProfileState;

class ProfileStatusesTest {
    private static final Instant AT = Instant.parse("2026-11-28T15:00:00Z");

    @Test
    void aSyncingProfileHasNoFirstSyncTimeEvenWhenTheOthersAreDone() {
        List<Map<String, Object>> out = ProfileStatuses.of(List.of(
                new ProfileState("a", ProfileState.SYNCING, null, true, null, null, null, null, null, null)),
                AT, Map.of());
        assertEquals("Syncing", out.get(0).get("state"));
        assertEquals(true, out.get(0).get("scanning"));
        assertNull(out.get(0).get("firstSyncCompletedAt"));
        assertNull(out.get(0).get("lastError"));
    }

    @Test
    void connectedShowsItsScansAndCountsAndAFailedOneItsReasonAsTheLastError() {
        Instant next = AT.plusSeconds(300);
        List<Map<String, Object>> out = ProfileStatuses.of(List.of(
                new ProfileState("a", ProfileState.CONNECTED, null, false, AT, AT.minusSeconds(60), next,
                        AT.plusSeconds(86_340), "acme (repositories): rate-limited", AT.minusSeconds(3_600)),
                new ProfileState("b", ProfileState.FAILED, "GET /2.0/user/workspaces answered 401", false, null, null,
                        null, null, null, null)),
                AT, Map.of("a", new ProfileStatuses.Counts(12, 3, 1)));

        Map<String, Object> a = out.get(0);
        assertEquals("Connected", a.get("state"));
        assertEquals("2026-11-28T15:00:00Z", a.get("firstSyncCompletedAt"));
        assertEquals("2026-11-28T14:59:00Z", a.get("lastCompleteScanAt"));
        assertEquals("2026-11-28T15:05:00Z", a.get("nextScanAt"));
        assertEquals("2026-11-29T14:59:00Z", a.get("nextCompleteScanAt"));
        assertEquals("acme (repositories): rate-limited", a.get("lastError"));
        assertEquals("2026-11-28T14:00:00Z", a.get("lastErrorAt"));
        assertEquals(12L, a.get("repositories"));
        assertEquals(1L, a.get("removed"));

        Map<String, Object> b = out.get(1);
        assertEquals("Connection failed", b.get("state"));
        assertEquals("GET /2.0/user/workspaces answered 401", b.get("reason"));
        assertEquals("GET /2.0/user/workspaces answered 401", b.get("lastError"));
        assertNull(b.get("firstSyncCompletedAt"));
        assertFalse(b.containsKey("repositories"), "no counts without a database");
    }

    @Test
    void aDataCenterProfileSaysWhichListingItsUsersComeFrom() {
        List<Map<String, Object>> out = ProfileStatuses.of(List.of(
                new ProfileState("dc", ProfileState.CONNECTED, null, false, AT, AT, null, null, null, null)
                        .withUserListing("/rest/api/1.0/users, because /rest/api/1.0/admin/users answered 405"),
                new ProfileState("cloud", ProfileState.CONNECTED, null, false, AT, AT, null, null, null, null)),
                AT, Map.of());
        assertEquals("/rest/api/1.0/users, because /rest/api/1.0/admin/users answered 405",
                out.get(0).get("userListing"));
        assertFalse(out.get(1).containsKey("userListing"), "Cloud has one listing of members");
    }

    @Test
    void aProfileSaysHowItsCatalogFilesWereFound() {
        List<Map<String, Object>> out = ProfileStatuses.of(List.of(
                new ProfileState("cloud", ProfileState.CONNECTED, null, false, AT, AT, null, null, null, null)
                        .withCatalogDiscovery("acme: probes (search unavailable: 404)"),
                new ProfileState("new", ProfileState.SYNCING, null, true, null, null, null, null, null, null)),
                AT, Map.of());
        assertEquals("acme: probes (search unavailable: 404)", out.get(0).get("catalogDiscovery"));
        assertFalse(out.get(1).containsKey("catalogDiscovery"), "nothing before a complete scan");
    }
}
