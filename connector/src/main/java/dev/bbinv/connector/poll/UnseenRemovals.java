package dev.bbinv.connector.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.schemas.RemovalReasons;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.EntityProgress;

/**
 * The removals of a complete scan whose listing can be trusted ({@link ListingCheck}): entities known and not seen,
 * unless the removal guard refuses, and only once a second complete scan in a row has missed them.
 */
final class UnseenRemovals {
    private static final Logger LOG = LoggerFactory.getLogger(UnseenRemovals.class);

    /** How many removals were added to the batch, and why none were when the guard refused. */
    record Result(int removals, String guardReason) {}

    /** lastSeenScanId prefix of an entity a complete scan did not see; a second such scan removes it. */
    static final String MISSED = "missed:";

    private UnseenRemovals() {}

    /** Whether a complete scan already missed this entity and no scan has seen it since. */
    static boolean isMissed(EntityProgress entity) {
        return entity != null && entity.getLastSeenScanId() != null && entity.getLastSeenScanId().startsWith(MISSED);
    }

    /**
     * Adds the removal events and checkpoints to {@code batch}.
     *
     * @param state the checkpoints, whose entities of {@code key} are read one at a time (a scope may hold a million)
     * @param seen  the entities this scan saw (in this process), the last page's included
     */
    static Result add(Batch batch, ScanContext context, ScopeKey key, ConnectorState state, SeenInScans.Sighted seen,
            double removalMaxShare, Instant now) {
        String scanId = context.scanId();
        List<EntityProgress> unseen = new ArrayList<>();
        long[] knownAndSeen = {0};
        state.forEachEntity(key, entity -> {
            if (seen.contains(entity.getSourceId())) {
                knownAndSeen[0]++;
            } else if (!scanId.equals(entity.getLastSeenScanId())) {
                unseen.add(entity);
            }
        });
        // Known or seen: the known ones, and the seen ones not known yet.
        long total = state.entityCount(key) + seen.size() - knownAndSeen[0];
        if (unseen.isEmpty()) {
            return new Result(0, null);
        }
        if (unseen.size() > removalMaxShare * total) {
            String guardReason = "removal guard refused to remove " + unseen.size() + " of " + total
                    + " known, more than the allowed share " + removalMaxShare;
            LOG.warn("{}: {}", key, guardReason);
            return new Result(0, guardReason);
        }
        // A listing that shifts while paged (or a resumed old cursor) can skip a live entity once; a deleted one
        // stays unseen. So only an entity missed by the previous complete scan too is removed.
        int kept = 0;
        int removals = 0;
        for (EntityProgress entity : unseen) {
            String sourceId = entity.getSourceId();
            if (!isMissed(entity)) {
                kept++;
                batch.checkpoint(key.entityKey(sourceId), ScanCheckpoints.entityRecord(key, EntityProgress.newBuilder(entity)
                        .setLastSeenScanId(MISSED + scanId).build()));
                continue;
            }
            String assetId = context.dialect().assetId(context.baseUrl(), sourceId);
            if (key.entity() == Entity.REPOSITORIES) {
                batch.event(Topics.RAW_REPOSITORIES_TOPIC, assetId,
                        RawEvents.removedRepository(context, sourceId, RemovalReasons.REPO_DELETED, now));
            } else {
                batch.event(Topics.RAW_USERS_TOPIC, assetId,
                        RawEvents.removedUser(context, sourceId, RemovalReasons.USER_REMOVED, now));
            }
            batch.checkpoint(key.entityKey(sourceId), null);
            removals++;
        }
        if (kept > 0) {
            LOG.info("{}: {} unseen entit(ies) kept until the next complete scan confirms they are gone", key, kept);
        }
        return new Result(removals, null);
    }
}
