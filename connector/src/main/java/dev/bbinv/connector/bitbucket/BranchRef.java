package dev.bbinv.connector.bitbucket;

/**
 * Where a repository's commits are read: Cloud workspace and repository slug, DC project key and repository slug,
 * and the default branch.
 *
 * @param branch the default branch's name; null on Data Center only, when the listing does not name it (the commits
 *               are then read from the tip of the default branch). Cloud always names it: a repository without a main
 *               branch has no ref.
 */
public record BranchRef(String owner, String slug, String branch) {}
