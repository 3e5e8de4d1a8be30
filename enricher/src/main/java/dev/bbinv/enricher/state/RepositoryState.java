package dev.bbinv.enricher.state;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.bbinv.enricher.activity.CommitRead;
import dev.bbinv.enricher.policy.ManualClass;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.RepositoryAsset;

/**
 * Everything the enricher keeps per repository asset id: the inputs from the source topics and the asset as
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
 * @param commitReads        each profile's latest commit read, by profile
 * @param manualClass        the class set by hand; null when none
 * @param manualTags         manual {@code key:value} tags; empty when none
 * @param recheckAt          when the asset's time-dependent fields (freshness, the new repository label) next change
 *                           and it must be rebuilt without an input; null when they never will
 */
public record RepositoryState(
        RepositoryAsset asset,
        SortedSet<Sighting> sightings,
        Instant factsAt,
        Instant lastEmittedSeen,
        String bitbucketLanguage,
        List<String> manualLanguages,
        AppContext appContext,
        SortedMap<String, CommitRead> commitReads,
        ManualClass manualClass,
        List<String> manualTags,
        Instant recheckAt) {

    public static final RepositoryState EMPTY = new RepositoryState(null, new TreeSet<>(), Instant.EPOCH,
            Instant.EPOCH, null, List.of(), null, new TreeMap<>(), null, List.of(), null);

    public RepositoryState {
        sightings = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sightings));
        manualLanguages = List.copyOf(manualLanguages);
        commitReads = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(commitReads));
        manualTags = List.copyOf(manualTags);
    }

    RepositoryState withCore(RepositoryAsset asset, SortedSet<Sighting> sightings, Instant factsAt,
            Instant lastEmittedSeen, String bitbucketLanguage, List<String> manualLanguages, AppContext appContext) {
        return new RepositoryState(asset, sightings, factsAt, lastEmittedSeen, bitbucketLanguage, manualLanguages,
                appContext, commitReads, manualClass, manualTags, recheckAt);
    }

    RepositoryState withCommitReads(SortedMap<String, CommitRead> reads) {
        return new RepositoryState(asset, sightings, factsAt, lastEmittedSeen, bitbucketLanguage, manualLanguages,
                appContext, reads, manualClass, manualTags, recheckAt);
    }

    RepositoryState withManualClass(ManualClass manual) {
        return new RepositoryState(asset, sightings, factsAt, lastEmittedSeen, bitbucketLanguage, manualLanguages,
                appContext, commitReads, manual, manualTags, recheckAt);
    }

    RepositoryState withManualTags(List<String> tags) {
        return new RepositoryState(asset, sightings, factsAt, lastEmittedSeen, bitbucketLanguage, manualLanguages,
                appContext, commitReads, manualClass, tags, recheckAt);
    }

    RepositoryState withRecheckAt(Instant at) {
        return new RepositoryState(asset, sightings, factsAt, lastEmittedSeen, bitbucketLanguage, manualLanguages,
                appContext, commitReads, manualClass, manualTags, at);
    }
}
