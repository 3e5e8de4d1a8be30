package dev.bbinv.enricher.state;

import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.bbinv.schemas.avro.UserAsset;

/**
 * Everything the enricher keeps per user asset id: the asset as last built and who sees it where.
 *
 * @param asset           null until the user was seen
 * @param factsAt         fetch time of the user JSON the asset's facts came from
 * @param lastEmittedSeen the {@code lastSeen} of the asset last written to the output topic
 */
public record UserState(UserAsset asset, SortedSet<Sighting> sightings, Instant factsAt, Instant lastEmittedSeen) {

    public static final UserState EMPTY = new UserState(null, new TreeSet<>(), Instant.EPOCH, Instant.EPOCH);

    public UserState {
        sightings = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sightings));
    }
}
