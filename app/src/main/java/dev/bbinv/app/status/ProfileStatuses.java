package dev.bbinv.app.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;

/**
 * Decides each profile's state from what the connector reported: Syncing until its first sync is done, then
 * Connection failed (with the reason) when the profile stopped, else Connected. Pure. The connector reports the first
 * sync of all its profiles at once ({@code ConnectorRole.firstCompleteSync()}), so every profile shows Syncing until
 * all have finished or stopped; later scans do not change the state.
 */
public final class ProfileStatuses {
    public static final String CONNECTED = "Connected";
    public static final String SYNCING = "Syncing";
    public static final String CONNECTION_FAILED = "Connection failed";

    /** Repositories, users and removed assets of one profile in the inventory. */
    public record Counts(long repositories, long users, long removed) {}

    private ProfileStatuses() {}

    /**
     * @param profiles    profile names, in the order to show them
     * @param firstSync   the connector's first-sync result, or {@code null} while it is still running
     * @param syncedAt    when this process saw {@code firstSync} complete ({@code null} with it)
     * @param counts      per profile name, when an inventory database is at hand; missing names show no counts
     */
    public static List<Map<String, Object>> of(List<String> profiles, List<ProfileSync> firstSync, Instant syncedAt,
                                               Map<String, Counts> counts) {
        Map<String, ProfileSync> byName = new LinkedHashMap<>();
        if (firstSync != null) {
            firstSync.forEach(s -> byName.put(s.profile(), s));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : profiles) {
            ProfileSync sync = byName.get(name);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("profile", name);
            if (sync == null) {
                p.put("state", SYNCING);
                p.put("reason", null);
                p.put("firstSyncCompletedAt", null);
                p.put("lastError", null);
            } else if (sync.stopped()) {
                p.put("state", CONNECTION_FAILED);
                p.put("reason", sync.reason());
                p.put("firstSyncCompletedAt", null);
                p.put("lastError", sync.reason());
            } else {
                p.put("state", CONNECTED);
                p.put("reason", null);
                p.put("firstSyncCompletedAt", syncedAt == null ? null : syncedAt.toString());
                p.put("lastError", null);
            }
            Counts c = counts.get(name);
            if (c != null) {
                p.put("repositories", c.repositories());
                p.put("users", c.users());
                p.put("removed", c.removed());
            }
            out.add(p);
        }
        return out;
    }
}
