package dev.bbinv.app.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bbinv.connector.poll.ProfileState;

/**
 * The {@code profiles} section of {@code /status}: each profile's state as its connector worker reports it now
 * (Syncing until its first complete sync, then Connected, or Connection failed with the reason once it stopped), its
 * last and next scans, its last error, and its assets in the inventory. Pure.
 */
public final class ProfileStatuses {
    public static final String CONNECTED = ProfileState.CONNECTED;
    public static final String SYNCING = ProfileState.SYNCING;
    public static final String CONNECTION_FAILED = ProfileState.FAILED;

    /** Repositories, users and removed assets of one profile in the inventory. */
    public record Counts(long repositories, long users, long removed) {}

    private ProfileStatuses() {}

    /**
     * @param states      every profile's state, in the order to show them
     * @param firstSyncAt when this process saw the first sync of all profiles complete; null until then
     * @param counts      per profile name, when an inventory database is at hand; missing names show no counts
     */
    public static List<Map<String, Object>> of(List<ProfileState> states, Instant firstSyncAt,
                                               Map<String, Counts> counts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProfileState s : states) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("profile", s.profile());
            p.put("state", s.state());
            p.put("paused", ProfileState.PAUSED.equals(s.state()));
            p.put("reason", s.reason());
            p.put("firstSyncCompletedAt", CONNECTED.equals(s.state()) ? text(firstSyncAt) : null);
            p.put("scanning", s.scanning());
            p.put("lastScanAt", text(s.lastScanAt()));
            p.put("lastCompleteScanAt", text(s.lastCompleteScanAt()));
            p.put("nextScanAt", text(s.nextScanAt()));
            p.put("nextCompleteScanAt", text(s.nextCompleteScanAt()));
            p.put("lastError", s.lastError() != null ? s.lastError() : s.reason());
            p.put("lastErrorAt", text(s.lastErrorAt()));
            if (s.userListing() != null) {
                p.put("userListing", s.userListing());
            }
            if (s.catalogDiscovery() != null) {
                p.put("catalogDiscovery", s.catalogDiscovery());
            }
            Counts c = counts.get(s.profile());
            if (c != null) {
                p.put("repositories", c.repositories());
                p.put("users", c.users());
                p.put("removed", c.removed());
            }
            out.add(p);
        }
        return out;
    }

    /** "x/y": how many of the profiles are Connected now. */
    public static String connected(List<ProfileState> states) {
        return states.stream().filter(s -> CONNECTED.equals(s.state())).count() + "/" + states.size();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
