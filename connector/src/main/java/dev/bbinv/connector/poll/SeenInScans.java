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
     * What a scan saw when its last page closes it: the entities of its committed pages (in this process) and those of
     * the last page, which join {@code committed} only once that page is committed.
     */
    record Sighted(SourceIdSet committed, Set<String> lastPage) {
        boolean contains(String sourceId) {
            return committed.contains(sourceId) || lastPage.contains(sourceId);
        }

        /** How many distinct entities: the last page may repeat ids of earlier ones (duplicates). */
        long size() {
            long size = committed.size();
            for (String id : lastPage) {
                if (!committed.contains(id)) {
                    size++;
                }
            }
            return size;
        }
    }

    /**
     * Entities the scan {@code scanId} saw: those seen in this process, and those only checkpoints know of (earlier
     * pages read by another process carry its id).
     */
    static long distinct(ConnectorState state, ScopeKey key, String scanId, Sighted seen) {
        long[] distinct = {seen.size()};
        state.forEachEntity(key, entity -> {
            if (scanId.equals(entity.getLastSeenScanId()) && !seen.contains(entity.getSourceId())) {
                distinct[0]++;
            }
        });
        return distinct[0];
    }
}
