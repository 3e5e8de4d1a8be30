package dev.bbinv.sim.estate;

import java.util.Map;

/**
 * One simulated Bitbucket Data Center repository; immutable, a mutation replaces it.
 *
 * @param defaultBranch null when the repository has none (an empty repository)
 * @param files         files served by {@code /raw}, path → text
 */
public record ServerRepo(int id, String projectKey, String slug, String name, String description, String hierarchyId,
                         boolean forkable, boolean isPublic, boolean archived, String defaultBranch,
                         String headCommit, Map<String, String> files) {
}
