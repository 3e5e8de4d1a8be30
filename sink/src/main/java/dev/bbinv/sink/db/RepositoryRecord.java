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
        long version) {

    public RepositoryRecord {
        cloneUrls = List.copyOf(cloneUrls);
        languages = List.copyOf(languages);
        profiles = List.copyOf(profiles);
        removedReasons = List.copyOf(removedReasons);
    }

    /** One language of a repository: canonical name, the value as given, and where it came from. */
    public record Language(String name, String raw, String source, boolean recognised) {}

    /** What the repository's Backstage catalog file says, with where it came from, or why it could not be used. */
    public record AppContext(String catalogName, String title, String category, String lifecycle, String owner,
                             String application, String filePath, String commit, String error) {}

    /** One clone URL (https, ssh or http). */
    public record CloneUrl(String name, String href) {}
}
