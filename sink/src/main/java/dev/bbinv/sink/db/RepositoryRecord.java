package dev.bbinv.sink.db;

import java.time.Instant;
import java.util.List;

/** One repository as the inventory stores it, with its child rows; what the writer takes and the reader returns. */
public record RepositoryRecord(
        String id,
        String name,
        String slug,
        String fullName,
        String serviceType,
        String baseUrl,
        String scopeKey,
        String scopeName,
        String projectKey,
        String projectName,
        String browseUrl,
        List<CloneUrl> cloneUrls,
        String defaultBranch,
        String visibility,
        boolean archived,
        String description,
        Instant createdAt,
        Instant updatedAt,
        List<Language> languages,
        AppContext appContext,
        List<String> profiles,
        boolean removed,
        List<String> removedReasons,
        Instant removedAt,
        Instant firstSeen,
        Instant lastSeen,
        long version,
        Attributes attributes) {

    public RepositoryRecord {
        cloneUrls = List.copyOf(cloneUrls);
        languages = List.copyOf(languages);
        profiles = List.copyOf(profiles);
        removedReasons = List.copyOf(removedReasons);
        attributes = attributes == null ? Attributes.NONE : attributes;
    }

    /** Without the asset attributes (they take their defaults): the record's first shape, kept for its callers. */
    public RepositoryRecord(String id, String name, String slug, String fullName, String serviceType, String baseUrl,
                            String scopeKey, String scopeName, String projectKey, String projectName, String browseUrl,
                            List<CloneUrl> cloneUrls, String defaultBranch, String visibility, boolean archived,
                            String description, Instant createdAt, Instant updatedAt, List<Language> languages,
                            AppContext appContext, List<String> profiles, boolean removed, List<String> removedReasons,
                            Instant removedAt, Instant firstSeen, Instant lastSeen, long version) {
        this(id, name, slug, fullName, serviceType, baseUrl, scopeKey, scopeName, projectKey, projectName, browseUrl,
                cloneUrls, defaultBranch, visibility, archived, description, createdAt, updatedAt, languages,
                appContext, profiles, removed, removedReasons, removedAt, firstSeen, lastSeen, version, Attributes.NONE);
    }

    /** The same repository with these attributes. */
    public RepositoryRecord withAttributes(Attributes a) {
        return new RepositoryRecord(id, name, slug, fullName, serviceType, baseUrl, scopeKey, scopeName, projectKey,
                projectName, browseUrl, cloneUrls, defaultBranch, visibility, archived, description, createdAt,
                updatedAt, languages, appContext, profiles, removed, removedReasons, removedAt, firstSeen, lastSeen,
                version, a);
    }

    /**
     * What Snyk shows of an asset beyond Bitbucket's repository JSON. {@code freshness} is the schema's symbol
     * (ACTIVE, INACTIVE, DORMANT, NA), {@code assetClass} A to D; the API and export turn them into words.
     */
    public record Attributes(Instant lastCommitAt, String freshness, List<Developer> developers, String assetClass,
                             boolean classLocked, String classSource, List<Tag> tags, List<Label> labels) {
        /** An asset without commit data, class or tags: what an inventory upgraded in place holds until re-emitted. */
        public static final Attributes NONE = new Attributes(null, "NA", List.of(), "D", false, null, List.of(), List.of());

        public Attributes {
            developers = List.copyOf(developers);
            tags = List.copyOf(tags);
            labels = List.copyOf(labels);
        }
    }

    /** One committer of the default branch within the window. */
    public record Developer(String username, String displayName, String email, String url, String userAssetId,
                            String discoveredBy, int commitCount, Instant lastCommitAt) {}

    /** A {@code key:value} tag and where it came from (manual, policy:{rule}). */
    public record Tag(String key, String value, String source) {}

    /** A label and where it came from (system, policy:{rule}). */
    public record Label(String name, String source) {}

    /** One language of a repository: canonical name, the value as given, and where it came from. */
    public record Language(String name, String raw, String source, boolean recognised) {}

    /** What the repository's Backstage catalog file says, with where it came from, or why it could not be used. */
    public record AppContext(String catalogName, String title, String category, String lifecycle, String owner,
                             String application, String filePath, String commit, String error) {}

    /** One clone URL (https, ssh or http). */
    public record CloneUrl(String name, String href) {}
}
