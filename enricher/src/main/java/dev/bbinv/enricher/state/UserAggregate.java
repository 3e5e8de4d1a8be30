package dev.bbinv.enricher.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

import dev.bbinv.enricher.normalize.UserFacts;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.UserAsset;

/**
 * The life of one user asset: seen by a profile in a scope (a Cloud workspace, or {@code *} for a DC instance) or
 * removed from it; gives the next state and the asset to write when it actually changed. Pure. Versions are
 * floored like {@link RepositoryAggregate}'s.
 */
public final class UserAggregate {
    // The version is left out too: a candidate's version is not decided yet when it is compared.
    private static final AvroBytes<UserAsset> WITHOUT_LAST_SEEN =
            new AvroBytes<>(UserAsset.getClassSchema(), UserAsset.class, "lastSeen", "version");
    private final EmitPolicy policy;

    public UserAggregate(EmitPolicy policy) {
        this.policy = policy;
    }

    /** The next state, and the asset to write (null when nothing a consumer would see changed). */
    public record Step(UserState state, UserAsset emitted) {}

    public Step seen(UserState prev, UserFacts facts, Sighting sighting, Instant fetchedAt,
            long versionFloor) {
        SortedSet<Sighting> sightings = Sightings.with(prev.sightings(), sighting);
        boolean fresher = prev.asset() == null || !fetchedAt.isBefore(prev.factsAt());
        UserAsset.Builder asset = fresher ? fromFacts(facts, prev.asset()) : UserAsset.newBuilder(prev.asset());
        asset.setFirstSeen(prev.asset() == null || fetchedAt.isBefore(prev.asset().getFirstSeen())
                        ? fetchedAt : prev.asset().getFirstSeen())
                .setLastSeen(prev.asset() == null || fetchedAt.isAfter(prev.asset().getLastSeen())
                        ? fetchedAt : prev.asset().getLastSeen())
                .setRemoved(false)
                .setRemovedReasons(List.of())
                .setRemovedAt(null);
        UserState inputs = new UserState(prev.asset(), sightings, fresher ? fetchedAt : prev.factsAt(),
                prev.lastEmittedSeen());
        return decide(prev, inputs, derived(asset, sightings), versionFloor);
    }

    public Step removed(UserState prev, Sighting sighting, String reason, Instant at,
            long versionFloor) {
        SortedSet<Sighting> sightings = Sightings.without(prev.sightings(), sighting, reason);
        UserState inputs = new UserState(prev.asset(), sightings, prev.factsAt(), prev.lastEmittedSeen());
        if (prev.asset() == null) {
            return new Step(inputs, null);
        }
        UserAsset.Builder asset = UserAsset.newBuilder(prev.asset());
        if (sightings.isEmpty()) {
            List<String> reasons = new ArrayList<>(prev.asset().getRemoved() ? prev.asset().getRemovedReasons() : List.of());
            if (reason != null && !reasons.contains(reason)) {
                reasons.add(reason);
            }
            asset.setRemoved(true)
                    .setRemovedReasons(reasons)
                    .setRemovedAt(prev.asset().getRemoved() && prev.asset().getRemovedAt() != null
                            ? prev.asset().getRemovedAt() : at);
        }
        return decide(prev, inputs, derived(asset, sightings), versionFloor);
    }

    private static UserAsset derived(UserAsset.Builder asset, SortedSet<Sighting> sightings) {
        // Scopes of a user are the Cloud workspaces it is a member of; DC users are instance-wide.
        List<String> scopes = asset.getServiceType() == ServiceType.CLOUD ? Sightings.scopes(sightings) : List.of();
        return asset.setProfiles(Sightings.profiles(sightings)).setScopes(scopes).build();
    }

    private Step decide(UserState prev, UserState inputs, UserAsset candidate, long versionFloor) {
        UserAsset before = prev.asset();
        boolean emit = before == null
                || !sameIgnoringLastSeen(before, candidate)
                || policy.lastSeenDue(prev.lastEmittedSeen(), candidate.getLastSeen());
        long version = before == null ? 0 : before.getVersion();
        if (!emit) {
            candidate.setVersion(version);
            return new Step(new UserState(candidate, inputs.sightings(), inputs.factsAt(), prev.lastEmittedSeen()), null);
        }
        candidate.setVersion(Math.max(version + 1, versionFloor));
        return new Step(new UserState(candidate, inputs.sightings(), inputs.factsAt(), candidate.getLastSeen()),
                candidate);
    }

    static boolean sameIgnoringLastSeen(UserAsset a, UserAsset b) {
        return WITHOUT_LAST_SEEN.same(a, b);
    }

    private static UserAsset.Builder fromFacts(UserFacts f, UserAsset prev) {
        return UserAsset.newBuilder()
                .setId(f.assetId())
                .setServiceType(f.serviceType())
                .setBaseUrl(f.baseUrl())
                .setAccountId(f.accountId())
                .setUsername(f.username())
                .setDisplayName(f.displayName())
                // Cloud shows an email only to some credentials: one profile's silence does not erase another's view.
                .setEmail(f.email() != null || prev == null ? f.email() : prev.getEmail())
                .setActive(f.active())
                .setUserType(f.userType())
                .setVersion(0);
    }
}
