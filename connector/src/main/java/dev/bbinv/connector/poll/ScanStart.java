package dev.bbinv.connector.poll;

import java.time.Instant;

import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * Where a run of a scope's scan begins, from the scope's checkpoint: the scan in progress resumes after its last
 * committed page, else a new scan starts, complete or incremental. Pure.
 *
 * @param watermark the scope's watermark (an incremental scan lists what was updated since)
 * @param cursor    where the listing continues; null from its first page
 * @param pending   the latest updated_on the resumed scan has seen, its next watermark; null for a new scan
 * @param resumed   whether a scan begun earlier (in this process or another) continues
 */
record ScanStart(String scanId, boolean complete, String watermark, String cursor, int pagesDone, String pending,
        boolean resumed) {

    /**
     * @param progress           the scope's checkpoint; null when it was never scanned
     * @param incrementalListing whether the dialect can list repositories updated since a watermark
     * @param catalogSettings    the profile's catalog settings fingerprint now
     * @param now                the start carried by a new scan's id
     */
    static ScanStart of(ScopeProgress progress, ScopeKey key, boolean completeWanted, boolean incrementalListing,
            String catalogSettings, Instant now) {
        String watermark = progress == null ? null : progress.getWatermark();
        if (progress != null && progress.getScanInProgress() != null) {
            return new ScanStart(progress.getScanInProgress(), progress.getScanComplete(), watermark,
                    progress.getCursor(), progress.getPagesDone(), progress.getPendingWatermark(), true);
        }
        // An incremental scan needs a watermark and a dialect that can filter by it.
        // Changed catalog settings must reach unchanged repositories too, which only a complete scan lists.
        boolean complete = completeWanted || key.entity() != Entity.REPOSITORIES || watermark == null
                || !incrementalListing || progress != null
                && CatalogValidators.settingsChanged(progress.getCatalogSettings(), catalogSettings);
        return new ScanStart(ScanIds.newId(now), complete, watermark, null, 0, null, false);
    }
}
