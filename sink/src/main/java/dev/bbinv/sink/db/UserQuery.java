package dev.bbinv.sink.db;

/**
 * Filters and page of a user listing, ordered by id; a null filter matches everything. {@code scope} is a workspace
 * (Cloud) or project (Data Center) key the user was listed in. {@code afterId} / {@code beforeId} start the page
 * right after / right before that user (seek paging); {@code offset} then counts from there.
 */
public record UserQuery(String profile, RemovedFilter removed, String nameContains, int limit, int offset, String afterId,
                        String scope, String beforeId) {

    /** Without a page before a user (the listing's shape before seek paging, kept for its callers). */
    public UserQuery(String profile, RemovedFilter removed, String nameContains, int limit, int offset, String afterId,
                     String scope) {
        this(profile, removed, nameContains, limit, offset, afterId, scope, null);
    }

    /** Without the workspace/project filter (the listing's first shape, kept for its callers). */
    public UserQuery(String profile, RemovedFilter removed, String nameContains, int limit, int offset, String afterId) {
        this(profile, removed, nameContains, limit, offset, afterId, null);
    }
}
