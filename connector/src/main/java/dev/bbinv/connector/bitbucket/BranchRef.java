package dev.bbinv.connector.bitbucket;

/**
 * Where a repository's commits are read: Cloud workspace and repository slug, DC project key and repository slug,
 * and the default branch.
 */
public record BranchRef(String owner, String slug, String branch) {}
