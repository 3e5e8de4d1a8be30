package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;

/**
 * Delays the {@code deleted-profile} removals of a profile gone from the profiles file by {@code
 * profile.removal.grace.ms}: a profile that comes back (or was renamed, so another profile sees the same assets) keeps
 * its assets. The pending removal is a record in the checkpoint topic, so a restart neither forgets nor restarts it.
 */
public final class ProfileRemovals {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileRemovals.class);
    /** The {@code entity} of a pending-removal checkpoint record. */
    public static final String ENTITY = "profile-removal";

    private final ConnectorState state;
    private final TransactionalPublisher publisher;
    private final Clock clock;
    private final Duration grace;
    private final String owner;

    /** What to do now: removals to schedule, pending ones to cancel (the profile is back), and those due. */
    record Plan(Set<String> schedule, Set<String> cancel, Set<String> due) {}

    /**
     * @param owner this connector's transactional id: only the profiles it polled are its to remove
     */
    public ProfileRemovals(ConnectorState state, TransactionalPublisher publisher, Clock clock, Duration grace,
            String owner) {
        this.state = state;
        this.publisher = publisher;
        this.clock = clock;
        this.grace = grace;
        this.owner = owner;
    }

    /** Pure: which gone profiles to schedule, which pending removals to cancel, which are due at {@code now}. */
    static Plan plan(Set<String> owned, Map<String, Instant> pending, Set<String> configured, Instant now) {
        Set<String> schedule = new TreeSet<>(owned);
        schedule.removeAll(configured);
        schedule.removeAll(pending.keySet());
        Set<String> cancel = new TreeSet<>(pending.keySet());
        cancel.retainAll(configured);
        Set<String> due = new TreeSet<>();
        pending.forEach((profile, at) -> {
            if (!configured.contains(profile) && (at == null || !at.isAfter(now))) {
                due.add(profile);
            }
        });
        return new Plan(schedule, cancel, due);
    }

    /** The record key of a profile's pending removal. */
    static String key(String profile) {
        return profile + "|" + ENTITY;
    }

    /**
     * Brings the pending removals in line with the profiles now {@code configured}: schedules those of profiles gone,
     * cancels those of profiles back, and states the removals that are due. Returns the profiles removed now.
     */
    public synchronized Set<String> check(Set<String> configured) {
        Instant now = clock.instant();
        Plan plan = plan(state.profilesOwnedBy(owner), state.pendingRemovals(), configured, now);
        for (String back : plan.cancel()) {
            commit(new Batch().checkpoint(key(back), null));
            LOG.info("Profile {} is in the profiles file again: its pending deleted-profile removal is cancelled", back);
        }
        Instant due = now.plus(grace);
        for (String gone : plan.schedule()) {
            commit(new Batch().checkpoint(key(gone), ConnectorCheckpoint.newBuilder()
                    .setKind(CheckpointKind.PROFILE_REMOVAL).setProfile(gone).setEntity(ENTITY).setScope("*")
                    .setRemovalDueAt(due).build()));
            LOG.warn("Profile {} is gone from the profiles file: its assets are marked removed (deleted-profile) at {}"
                    + " unless it comes back; `bbinv profiles forget {}` removes them now", gone, due);
        }
        Set<String> removed = plan(Set.of(), state.pendingRemovals(), configured, now).due();
        removed.forEach(this::removeNow);
        return removed;
    }

    /**
     * States the removals of a profile gone from the file at once, without waiting for its grace period.
     *
     * @throws IllegalArgumentException when the profile is still configured
     * @throws java.util.NoSuchElementException when this connector knows nothing of it
     */
    public synchronized int forget(String profile, Set<String> configured) {
        if (configured.contains(profile)) {
            throw new IllegalArgumentException("profile " + profile
                    + " is still in the profiles file; remove it from the file first");
        }
        if (!state.profiles().contains(profile) && !state.pendingRemovals().containsKey(profile)) {
            throw new java.util.NoSuchElementException("no profile named " + profile + " has assets in this connector");
        }
        return removeNow(profile);
    }

    private int removeNow(String profile) {
        int removed = DeletedProfiles.remove(profile, state, publisher, clock);
        if (state.pendingRemovals().containsKey(profile)) {
            commit(new Batch().checkpoint(key(profile), null));
        }
        return removed;
    }

    private void commit(Batch batch) {
        publisher.commit(batch);
        batch.checkpoints().forEach(e -> state.apply(e.key(), (ConnectorCheckpoint) e.value()));
    }
}
