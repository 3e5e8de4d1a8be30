package dev.bbinv.sim.estate;

import java.time.Instant;
import java.util.Map;

/**
 * One simulated Bitbucket Cloud repository; immutable, a mutation replaces it.
 *
 * @param seq      creation order inside its workspace, the default listing order
 * @param files    repository files served by {@code /src}, path → text
 */
public record CloudRepo(long seq, String uuid, String workspace, String slug, String name, String description,
                        boolean isPrivate, String language, String mainbranch, String projectKey,
                        Instant createdOn, Instant updatedOn, long size, boolean hasIssues, boolean hasWiki,
                        String forkPolicy, String headCommit, Map<String, String> files) {

    public String fullName() {
        return workspace + "/" + slug;
    }

    CloudRepo withUpdate(Instant at, String name, String slug, String description, boolean isPrivate,
                         String language, String headCommit, Map<String, String> files) {
        return new CloudRepo(seq, uuid, workspace, slug, name, description, isPrivate, language, mainbranch,
                projectKey, createdOn, at, size, hasIssues, hasWiki, forkPolicy, headCommit, files);
    }
}
