package dev.bbinv.connector.poll;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per scope, the scan under way and the entities it has seen so far in this process, so that a later run of the same
 * scan (after a 429, a pause) still knows what its earlier pages showed. Memory only: checkpoints keep no such list.
 */
final class SeenInScans {
    private record Entry(String scanId, SourceIdSet sourceIds) {}

    /**
     * The entities a scan has seen in this process, which its run adds to.
     *
     * @param earlierRunsHere whether earlier runs of this scan ran in this process (its set holds their entities)
     */
    record Seen(SourceIdSet sourceIds, boolean earlierRunsHere) {}

    private final Map<ScopeKey, Entry> byScope = new ConcurrentHashMap<>();

    /** Registers a run of {@code scanId} on {@code key}: it continues its scan's set, or a new scan starts one. */
    Seen begin(ScopeKey key, String scanId) {
        Entry prior = byScope.get(key);
        SourceIdSet before = prior != null && prior.scanId().equals(scanId) ? prior.sourceIds() : null;
        Entry entry = new Entry(scanId, before != null ? before : new SourceIdSet());
        byScope.put(key, entry);
        return new Seen(entry.sourceIds(), before != null);
    }

    /**
     * Entities the scan {@code scanId} saw, on earlier pages (their checkpoints carry its id, earlier runs too) and
     * the last one: the ids seen in this process (the last page's are in already), and those only checkpoints know of.
     */
    static long distinct(ConnectorState state, ScopeKey key, String scanId, SourceIdSet seenInScan,
            Set<String> seenHere) {
        long[] seen = {seenInScan.size()};
        for (String id : seenHere) {
            if (!seenInScan.contains(id)) {
                seen[0]++;
            }
        }
        state.forEachEntity(key, entity -> {
            if (scanId.equals(entity.getLastSeenScanId()) && !seenInScan.contains(entity.getSourceId())
                    && !seenHere.contains(entity.getSourceId())) {
                seen[0]++;
            }
        });
        return seen[0];
    }
}
