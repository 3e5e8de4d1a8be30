package dev.bbinv.enricher.state;

import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.RepositoryAsset;

/**
 * Everything the enricher keeps per repository asset id: the inputs from the three source topics and the asset as
 * last built. Inputs may arrive before the repository itself (a catalog file or tag for a repository not seen yet);
 * the asset then appears when the repository does.
 *
 * @param asset              the asset as last built, null until the repository was seen
 * @param factsAt            fetch time of the repository JSON the asset's facts came from (an older fetch never
 *                           overwrites a newer one)
 * @param lastEmittedSeen    the {@code lastSeen} of the asset last written to the output topic
 * @param bitbucketLanguage  Cloud's {@code language}, null when none
 * @param manualLanguages    manual tags; empty when none are set
 * @param appContext         from the catalog file; null when absent or not seen yet
 */
public record RepositoryState(
        RepositoryAsset asset,
        SortedSet<Sighting> sightings,
        Instant factsAt,
        Instant lastEmittedSeen,
        String bitbucketLanguage,
        List<String> manualLanguages,
        AppContext appContext) {

    public static final RepositoryState EMPTY =
            new RepositoryState(null, new TreeSet<>(), Instant.EPOCH, Instant.EPOCH, null, List.of(), null);

    public RepositoryState {
        sightings = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sightings));
        manualLanguages = List.copyOf(manualLanguages);
    }
}
