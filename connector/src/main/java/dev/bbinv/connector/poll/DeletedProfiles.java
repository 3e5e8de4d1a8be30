package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.RemovalReasons;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.ScopeProgress;

/** States {@code deleted-profile} removals for every asset of a profile that is gone from the profiles file, and forgets it. */
public final class DeletedProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedProfiles.class);

    /** Profiles with checkpoints that are not among {@code configured}. Pure. */
    public static Set<String> gone(Set<String> known, Set<String> configured) {
        Set<String> gone = new TreeSet<>(known);
        gone.removeAll(configured);
        return gone;
    }

    /** Publishes the removals of each scope of {@code profile} in one transaction per scope; returns how many. */
    public static int remove(String profile, ConnectorState state, TransactionalPublisher publisher, Clock clock) {
        int removed = 0;
        for (ScopeKey key : state.scopesOf(profile)) {
            ScopeProgress progress = state.scope(key);
            if (progress == null || progress.getServiceType() == null || progress.getBaseUrl() == null) {
                LOG.warn("{}: cannot state deleted-profile removals without the profile's service type and base URL", key);
                continue;
            }
            ServiceKind kind = ServiceKind.valueOf(progress.getServiceType());
            ScanContext context = new ScanContext(profile, kind, progress.getBaseUrl(), key.scope(),
                    "deleted-profile-" + clock.millis());
            Instant now = clock.instant();
            Batch batch = new Batch();
            int[] inScope = {0};
            state.forEachEntity(key, entity -> {
                String assetId = context.dialect().assetId(progress.getBaseUrl(), entity.getSourceId());
                if (key.entity() == ScopeKey.Entity.REPOSITORIES) {
                    batch.event(Topics.RAW_REPOSITORIES_TOPIC, assetId, RawEvents.removedRepository(context,
                            entity.getSourceId(), RemovalReasons.DELETED_PROFILE, now));
                } else {
                    batch.event(Topics.RAW_USERS_TOPIC, assetId, RawEvents.removedUser(context, entity.getSourceId(),
                            RemovalReasons.DELETED_PROFILE, now));
                }
                batch.checkpoint(key.entityKey(entity.getSourceId()), null);
                inScope[0]++;
            });
            removed += inScope[0];
            batch.checkpoint(key.checkpointKey(), null);
            publisher.commit(batch);
            batch.checkpoints().forEach(e -> state.apply(e.key(), null));
        }
        LOG.info("Profile {} is gone from the profiles file: stated {} deleted-profile removal(s)", profile, removed);
        return removed;
    }

    private DeletedProfiles() {}
}
