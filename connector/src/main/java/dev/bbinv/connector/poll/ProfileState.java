package dev.bbinv.connector.poll;

import java.time.Instant;

/**
 * One profile as its worker sees it now, for {@code bbinv status} and {@code /status}.
 *
 * @param state              {@link #SYNCING} until the first complete sync, then {@link #CONNECTED}; {@link #FAILED}
 *                           once the profile stopped (fenced producer), or while its credential is refused (401), with
 *                           {@code reason} ("..., retrying at TIME" for the 401, which is tried again)
 * @param scanning           a round of scans is running now
 * @param lastScanAt         when the last scan of any scope ended
 * @param lastCompleteScanAt when every scope had last been scanned completely (the oldest scope's last complete
 *                           scan); null until every scope had one
 * @param nextScanAt         when the next round starts; null while one runs or after a stop
 * @param nextCompleteScanAt when the next complete scan (the only kind that removes) is due
 * @param lastError          the last scan or listing failure, naming the scope; it stays until a later one replaces it
 * @param userListing        Data Center: which listing users come from ({@code /admin/users} or {@code /users}) and
 *                           why; null for Cloud and before the first users scan
 * @param catalogDiscovery   how each scope's latest complete scan found catalog files: "acme: search (2 page(s), 130
 *                           file(s))" or "acme: probes (search unavailable: 404)"; null before one
 */
public record ProfileState(String profile, String state, String reason, boolean scanning, Instant lastScanAt,
        Instant lastCompleteScanAt, Instant nextScanAt, Instant nextCompleteScanAt, String lastError,
        Instant lastErrorAt, String userListing, String catalogDiscovery) {

    /** Without a user listing (Cloud, or not known yet). */
    public ProfileState(String profile, String state, String reason, boolean scanning, Instant lastScanAt,
            Instant lastCompleteScanAt, Instant nextScanAt, Instant nextCompleteScanAt, String lastError,
            Instant lastErrorAt) {
        this(profile, state, reason, scanning, lastScanAt, lastCompleteScanAt, nextScanAt, nextCompleteScanAt,
                lastError, lastErrorAt, null, null);
    }

    public ProfileState withUserListing(String listing) {
        return new ProfileState(profile, state, reason, scanning, lastScanAt, lastCompleteScanAt, nextScanAt,
                nextCompleteScanAt, lastError, lastErrorAt, listing, catalogDiscovery);
    }

    public ProfileState withCatalogDiscovery(String discovery) {
        return new ProfileState(profile, state, reason, scanning, lastScanAt, lastCompleteScanAt, nextScanAt,
                nextCompleteScanAt, lastError, lastErrorAt, userListing, discovery);
    }

    public static final String SYNCING = "Syncing";
    public static final String CONNECTED = "Connected";
    public static final String FAILED = "Connection failed";
    /** The operator paused the profile ({@code bbinv profiles pause}); it scans again once resumed. */
    public static final String PAUSED = "Paused";
}
