package dev.bbinv.enricher.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawCommitSummary;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.ServiceType;

/**
 * Turns commit summaries into developers and merges what several profiles read of one repository. A person is one
 * developer: by the Bitbucket user the commit links (its user asset id), else by e-mail (case-insensitive), else by
 * name; an unlinked entry whose e-mail is a linked developer's is folded into it. Pure.
 */
public final class DeveloperMerge {
    /** Newest commit first, then a stable order. */
    static final Comparator<Developer> MOST_RECENT_FIRST = Comparator.comparing(Developer::getLastCommitAt)
            .reversed().thenComparing(DeveloperMerge::identity);

    private DeveloperMerge() {}

    /** The repository's commit data across profiles: newest commit of any, and every developer once. */
    public record Merged(Instant lastCommitAt, List<Developer> developers) {
        public static final Merged NONE = new Merged(null, List.of());
    }

    /** One profile's read of one repository, with one entry per developer. */
    public static CommitRead read(RawCommitActivityEvent event) {
        RawEnvelope envelope = event.getEnvelope();
        Map<String, Developer> byIdentity = new LinkedHashMap<>();
        // Commits come newest first, but nothing depends on it: the newest value of each field wins.
        List<RawCommitSummary> commits = new ArrayList<>(event.getCommits());
        commits.sort(Comparator.comparing(RawCommitSummary::getCommittedAt).reversed());
        for (RawCommitSummary c : commits) {
            Developer d = developer(c, envelope);
            if (identity(d) == null) {
                continue; // Bitbucket named nobody: the commit still counts for lastCommitAt, not as a person
            }
            byIdentity.merge(identity(d), d, DeveloperMerge::sameReadCombine);
        }
        return new CommitRead(envelope.getProfile(), envelope.getFetchedAt(), event.getLastCommitAt(),
                foldByEmail(byIdentity.values(), DeveloperMerge::sameReadCombine));
    }

    /**
     * Merges the latest read of each profile. Profiles that see one repository read the same branch, so a developer's
     * commit count is the largest any profile read, not their sum; {@code discoveredBy} is the first profile by name
     * that saw the developer, so it does not flip from one write to the next.
     */
    public static Merged merge(Collection<CommitRead> reads) {
        if (reads.isEmpty()) {
            return Merged.NONE;
        }
        Instant last = null;
        Map<String, Developer> byIdentity = new LinkedHashMap<>();
        for (CommitRead r : reads) {
            if (r.lastCommitAt() != null && (last == null || r.lastCommitAt().isAfter(last))) {
                last = r.lastCommitAt();
            }
            for (Developer d : r.developers()) {
                byIdentity.merge(identity(d), d, DeveloperMerge::crossReadCombine);
            }
        }
        return new Merged(last, foldByEmail(byIdentity.values(), DeveloperMerge::crossReadCombine));
    }

    /** The user asset id of the Bitbucket user a commit names, as the enricher keys user assets; null when none. */
    static String userAssetId(String authorUserId, RawEnvelope envelope) {
        if (authorUserId == null || authorUserId.isBlank()) {
            return null;
        }
        try {
            return envelope.getServiceType() == ServiceType.CLOUD
                    ? AssetIds.cloud(authorUserId)
                    : AssetIds.server(envelope.getBaseUrl(), Long.parseLong(authorUserId.trim()));
        } catch (IllegalArgumentException e) {
            return null; // not a user id we can key on: the developer is kept by e-mail or name
        }
    }

    private static Developer developer(RawCommitSummary c, RawEnvelope envelope) {
        return Developer.newBuilder()
                .setUsername(blankToNull(c.getAuthorUsername()))
                .setDisplayName(blankToNull(c.getAuthorDisplayName()) != null ? c.getAuthorDisplayName()
                        : blankToNull(c.getAuthorName()))
                .setEmail(blankToNull(c.getAuthorEmail()))
                .setUrl(blankToNull(c.getAuthorUrl()))
                .setUserAssetId(userAssetId(c.getAuthorUserId(), envelope))
                .setDiscoveredBy(envelope.getProfile())
                .setCommitCount(1)
                .setLastCommitAt(c.getCommittedAt())
                .build();
    }

    /** The key a developer is one person by; null when the commit names nobody. */
    static String identity(Developer d) {
        if (d.getUserAssetId() != null) {
            return "user:" + d.getUserAssetId();
        }
        if (d.getEmail() != null) {
            return "email:" + d.getEmail().toLowerCase(Locale.ROOT);
        }
        return d.getDisplayName() == null ? null : "name:" + d.getDisplayName();
    }

    /** Two entries of one read are different commits: counts add up. */
    private static Developer sameReadCombine(Developer a, Developer b) {
        return combine(a, b, a.getCommitCount() + b.getCommitCount());
    }

    /** Two reads of one branch see the same commits: the larger count stands. */
    private static Developer crossReadCombine(Developer a, Developer b) {
        return combine(a, b, Math.max(a.getCommitCount(), b.getCommitCount()));
    }

    private static Developer combine(Developer a, Developer b, int commits) {
        // The newer entry's details win; the older one fills what the newer lacks (e.g. a linked user's url).
        Developer newer = b.getLastCommitAt().isAfter(a.getLastCommitAt()) ? b : a;
        Developer older = newer == a ? b : a;
        return Developer.newBuilder()
                .setUsername(first(newer.getUsername(), older.getUsername()))
                .setDisplayName(first(newer.getDisplayName(), older.getDisplayName()))
                .setEmail(first(newer.getEmail(), older.getEmail()))
                .setUrl(first(newer.getUrl(), older.getUrl()))
                .setUserAssetId(first(newer.getUserAssetId(), older.getUserAssetId()))
                .setDiscoveredBy(a.getDiscoveredBy().compareTo(b.getDiscoveredBy()) <= 0 ? a.getDiscoveredBy()
                        : b.getDiscoveredBy())
                .setCommitCount(commits)
                .setLastCommitAt(newer.getLastCommitAt())
                .build();
    }

    private interface Combine {
        Developer apply(Developer a, Developer b);
    }

    /** Folds unlinked developers into the linked developer with the same e-mail; the result most recent first. */
    private static List<Developer> foldByEmail(Collection<Developer> developers, Combine combine) {
        Map<String, String> linkedByEmail = new HashMap<>();
        for (Developer d : developers) {
            if (d.getUserAssetId() != null && d.getEmail() != null) {
                linkedByEmail.putIfAbsent(d.getEmail().toLowerCase(Locale.ROOT), identity(d));
            }
        }
        Map<String, Developer> out = new LinkedHashMap<>();
        for (Developer d : developers) {
            String key = identity(d);
            if (d.getUserAssetId() == null && d.getEmail() != null) {
                key = linkedByEmail.getOrDefault(d.getEmail().toLowerCase(Locale.ROOT), key);
            }
            out.merge(key, d, combine::apply);
        }
        List<Developer> sorted = new ArrayList<>(out.values());
        sorted.sort(MOST_RECENT_FIRST);
        return sorted;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
