package dev.bbinv.enricher.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import dev.bbinv.enricher.activity.CommitRead;
import dev.bbinv.enricher.activity.DeveloperMerge;
import dev.bbinv.enricher.activity.FreshnessRule;
import dev.bbinv.enricher.activity.SystemLabels;
import dev.bbinv.enricher.languages.LanguageMerge;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.normalize.RepositoryFacts;
import dev.bbinv.enricher.policy.Classification;
import dev.bbinv.enricher.policy.ManualClass;
import dev.bbinv.enricher.policy.PolicyEngine;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.RepositoryAsset;

/**
 * The life of one repository asset: each input (the repository seen or removed, its manual tags, its catalog file)
 * gives a new state, and the asset to write out when it actually changed. Pure: time comes from the events.
 *
 * <p>A written asset's version is one more than the last, but at least {@code versionFloor} (the caller passes the
 * wall clock in milliseconds): an enricher reset and replayed from offset 0 to deploy a mapping fix then still writes
 * versions above everything it wrote before, so consumers that keep the highest version take the fix.
 */
public final class RepositoryAggregate {
    // The version is left out too: a candidate's version is not decided yet when it is compared.
    private static final AvroBytes<RepositoryAsset> WITHOUT_LAST_SEEN =
            new AvroBytes<>(RepositoryAsset.getClassSchema(), RepositoryAsset.class, "lastSeen", "version");
    public static final String REPO_ARCHIVED = dev.bbinv.schemas.RemovalReasons.REPO_ARCHIVED;

    private final LanguageTable languages;
    private final EmitPolicy policy;
    private final PolicyEngine policies;

    public RepositoryAggregate(LanguageTable languages, EmitPolicy policy) {
        this(languages, policy, PolicyEngine.NONE);
    }

    public RepositoryAggregate(LanguageTable languages, EmitPolicy policy, PolicyEngine policies) {
        this.languages = languages;
        this.policy = policy;
        this.policies = policies;
    }

    /** The next state, and the asset to write (null when nothing a consumer would see changed). */
    public record Step(RepositoryState state, RepositoryAsset emitted) {}

    /** The repository was fetched at {@code fetchedAt} by {@code sighting}'s profile in its scope. */
    public Step seen(RepositoryState prev, RepositoryFacts facts, Sighting sighting, Instant fetchedAt,
            long versionFloor) {
        SortedSet<Sighting> sightings = Sightings.with(prev.sightings(), sighting);
        boolean fresher = prev.asset() == null || !fetchedAt.isBefore(prev.factsAt());
        RepositoryState inputs = prev.withCore(prev.asset(), sightings,
                fresher ? fetchedAt : prev.factsAt(), prev.lastEmittedSeen(),
                fresher ? facts.bitbucketLanguage() : prev.bitbucketLanguage(),
                prev.manualLanguages(), prev.appContext());
        Instant firstSeen = prev.asset() == null ? fetchedAt : min(prev.asset().getFirstSeen(), fetchedAt);
        Instant lastSeen = prev.asset() == null ? fetchedAt : max(prev.asset().getLastSeen(), fetchedAt);
        RepositoryAsset asset = fresher ? fromFacts(facts, firstSeen, lastSeen) : copyOf(prev.asset());
        asset.setFirstSeen(firstSeen);
        asset.setLastSeen(lastSeen);
        asset.setRemoved(false);
        asset.setRemovedReasons(List.of());
        asset.setRemovedAt(null);
        return decide(prev, inputs, derived(asset, inputs, versionFloor), versionFloor);
    }

    /** A complete scan of {@code sighting}'s scope no longer has the repository, for {@code reason}. */
    public Step removed(RepositoryState prev, Sighting sighting, String reason, Instant at,
            long versionFloor) {
        SortedSet<Sighting> sightings = Sightings.without(prev.sightings(), sighting, reason);
        RepositoryState inputs = prev.withCore(prev.asset(), sightings, prev.factsAt(), prev.lastEmittedSeen(),
                prev.bitbucketLanguage(), prev.manualLanguages(), prev.appContext());
        if (prev.asset() == null) {
            return new Step(inputs, null); // nothing known to remove
        }
        RepositoryAsset asset = copyOf(prev.asset());
        if (REPO_ARCHIVED.equals(reason)) {
            asset.setArchived(true);
        }
        if (sightings.isEmpty()) {
            List<String> reasons = new ArrayList<>(prev.asset().getRemoved() ? prev.asset().getRemovedReasons() : List.of());
            if (reason != null && !reasons.contains(reason)) {
                reasons.add(reason);
            }
            asset.setRemoved(true);
            asset.setRemovedReasons(reasons);
            asset.setRemovedAt(prev.asset().getRemoved() && prev.asset().getRemovedAt() != null
                    ? prev.asset().getRemovedAt() : at);
        }
        return decide(prev, inputs, derived(asset, inputs, versionFloor), versionFloor);
    }

    /** The manual language tags were set; an empty list clears them. */
    public Step languageTags(RepositoryState prev, List<String> tags, long versionFloor) {
        RepositoryState inputs = prev.withCore(prev.asset(), prev.sightings(), prev.factsAt(),
                prev.lastEmittedSeen(), prev.bitbucketLanguage(), tags, prev.appContext());
        return rebuilt(prev, inputs, versionFloor);
    }

    /** The catalog file gave this app context; null when the file is absent. */
    public Step catalog(RepositoryState prev, AppContext appContext, long versionFloor) {
        RepositoryState inputs = prev.withCore(prev.asset(), prev.sightings(), prev.factsAt(),
                prev.lastEmittedSeen(), prev.bitbucketLanguage(), prev.manualLanguages(), appContext);
        return rebuilt(prev, inputs, versionFloor);
    }

    /** One profile read the repository's commits; an older read than the one kept for that profile is ignored. */
    public Step commits(RepositoryState prev, CommitRead read, long versionFloor) {
        CommitRead kept = prev.commitReads().get(read.profile());
        if (kept != null && read.fetchedAt().isBefore(kept.fetchedAt())) {
            return new Step(prev, null);
        }
        SortedMap<String, CommitRead> reads = new TreeMap<>(prev.commitReads());
        reads.put(read.profile(), read);
        return rebuilt(prev, prev.withCommitReads(reads), versionFloor);
    }

    /**
     * The class was set by hand ({@code assetClass} null: cleared). It remembers what the policies said at that
     * moment, so that only a later change of their decision overrides an unlocked manual class.
     */
    public Step manualClass(RepositoryState prev, AssetClass assetClass, boolean locked, long versionFloor) {
        ManualClass manual = null;
        if (assetClass != null) {
            String policyAtSet = prev.asset() == null ? null
                    : Classification.decisionKey(policies.evaluate(prev.asset()).assetClass());
            manual = new ManualClass(assetClass, locked, policyAtSet);
        }
        return rebuilt(prev, prev.withManualClass(manual), versionFloor);
    }

    /** The manual {@code key:value} tags were set (the whole set; empty clears them). */
    public Step manualTags(RepositoryState prev, List<String> tags, long versionFloor) {
        return rebuilt(prev, prev.withManualTags(tags), versionFloor);
    }

    /**
     * Rebuilds the asset at the wall clock {@code versionFloor} with no new input: what time alone changes (freshness,
     * the new repository label, policies over freshness) is written, with a higher version; nothing else is.
     */
    public Step recheck(RepositoryState prev, long versionFloor) {
        return rebuilt(prev, prev, versionFloor);
    }

    private Step rebuilt(RepositoryState prev, RepositoryState inputs, long versionFloor) {
        if (prev.asset() == null) {
            return new Step(inputs, null); // kept until the repository itself is seen
        }
        return decide(prev, inputs, derived(copyOf(prev.asset()), inputs, versionFloor), versionFloor);
    }

    /** Fields that come from the other inputs and the time, not the repository JSON; set on {@code asset} itself. */
    private RepositoryAsset derived(RepositoryAsset asset, RepositoryState inputs, long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        DeveloperMerge.Merged commits = DeveloperMerge.merge(currentReads(inputs));
        Freshness freshness = FreshnessRule.of(commits.lastCommitAt(), now);
        // The policies see every other field, never their own output (class, tags, labels are reset first).
        asset.setLanguages(LanguageMerge.merge(inputs.bitbucketLanguage(), inputs.manualLanguages(), languages));
        asset.setAppContext(inputs.appContext());
        asset.setProfiles(Sightings.profiles(inputs.sightings()));
        asset.setLastCommitAt(commits.lastCommitAt());
        asset.setDevelopers(commits.developers());
        asset.setFreshness(freshness);
        asset.setAssetClass(AssetClass.D);
        asset.setClassLocked(false);
        asset.setClassSource(null);
        asset.setTags(List.of());
        asset.setLabels(List.of());
        Classification.Result c = Classification.of(inputs.manualClass(), inputs.manualTags(),
                policies.evaluate(asset), SystemLabels.of(asset.getLanguages(), freshness, asset.getCreatedAt(), now));
        asset.setAssetClass(c.assetClass());
        asset.setClassLocked(c.locked());
        asset.setClassSource(c.classSource());
        asset.setTags(c.tags());
        asset.setLabels(c.labels());
        return asset;
    }

    /**
     * A new record holding the same field values, to be changed field by field (a field is replaced, never changed in
     * place). The builder's copy constructor deep-copied every list and nested record of the asset on each record.
     */
    static RepositoryAsset copyOf(RepositoryAsset asset) {
        RepositoryAsset copy = new RepositoryAsset();
        int fields = RepositoryAsset.getClassSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, asset.get(i));
        }
        return copy;
    }

    /** The commit reads of the profiles that see the repository now; all of them once nobody does (removed). */
    private static Collection<CommitRead> currentReads(RepositoryState inputs) {
        if (inputs.sightings().isEmpty()) {
            return inputs.commitReads().values();
        }
        Set<String> profiles = Set.copyOf(Sightings.profiles(inputs.sightings()));
        return inputs.commitReads().values().stream().filter(r -> profiles.contains(r.profile())).toList();
    }

    private Step decide(RepositoryState prev, RepositoryState inputs, RepositoryAsset candidate, long versionFloor) {
        RepositoryAsset before = prev.asset();
        boolean emit = before == null
                || !sameIgnoringLastSeen(before, candidate)
                || policy.lastSeenDue(prev.lastEmittedSeen(), candidate.getLastSeen());
        long version = before == null ? 0 : before.getVersion();
        Instant recheckAt = recheckAt(candidate, Instant.ofEpochMilli(versionFloor));
        if (!emit) {
            candidate.setVersion(version);
            return new Step(with(inputs, candidate, prev.lastEmittedSeen(), recheckAt), null);
        }
        candidate.setVersion(Math.max(version + 1, versionFloor));
        return new Step(with(inputs, candidate, candidate.getLastSeen(), recheckAt), candidate);
    }

    /** The next instant at which time alone changes the asset; null when never. */
    static Instant recheckAt(RepositoryAsset asset, Instant now) {
        Instant freshness = FreshnessRule.nextChange(asset.getLastCommitAt(), now).orElse(null);
        Instant newLabel = SystemLabels.nextChange(asset.getCreatedAt(), now).orElse(null);
        if (freshness == null || newLabel == null) {
            return freshness == null ? newLabel : freshness;
        }
        return freshness.isBefore(newLabel) ? freshness : newLabel;
    }

    private static RepositoryState with(RepositoryState s, RepositoryAsset asset, Instant lastEmittedSeen,
            Instant recheckAt) {
        return s.withCore(asset, s.sightings(), s.factsAt(), lastEmittedSeen, s.bitbucketLanguage(),
                s.manualLanguages(), s.appContext()).withRecheckAt(recheckAt);
    }

    static boolean sameIgnoringLastSeen(RepositoryAsset a, RepositoryAsset b) {
        return WITHOUT_LAST_SEEN.same(a, b);
    }

    private static RepositoryAsset fromFacts(RepositoryFacts f, Instant firstSeen, Instant lastSeen) {
        return RepositoryAsset.newBuilder()
                .setId(f.assetId())
                .setType("repository")
                .setName(f.name())
                .setSlug(f.slug())
                .setFullName(f.fullName())
                .setSource(f.source())
                .setBrowseUrl(f.browseUrl())
                .setCloneUrls(f.cloneUrls())
                .setDefaultBranch(f.defaultBranch())
                .setVisibility(f.visibility())
                .setArchived(f.archived())
                .setDescription(f.description())
                // Milliseconds, as the asset's timestamp-millis fields hold them (Cloud gives microseconds).
                .setCreatedAt(millis(f.createdAt()))
                .setUpdatedAt(millis(f.updatedAt()))
                .setLanguages(List.of())
                .setProfiles(List.of())
                .setFirstSeen(firstSeen)
                .setLastSeen(lastSeen)
                .setVersion(0)
                .build();
    }

    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
