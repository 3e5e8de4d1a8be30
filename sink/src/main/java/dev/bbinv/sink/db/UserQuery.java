package dev.bbinv.sink.db;

/**
 * Filters and page of a user listing, ordered by id; a null filter matches everything. {@code scope} is a workspace
 * (Cloud) or project (Data Center) key the user was listed in.
 */
public record UserQuery(String profile, RemovedFilter removed, String nameContains, int limit, int offset, String afterId,
                        String scope) {

    /** Without the workspace/project filter (the listing's first shape, kept for its callers). */
    public UserQuery(String profile, RemovedFilter removed, String nameContains, int limit, int offset, String afterId) {
        this(profile, removed, nameContains, limit, offset, afterId, null);
    }
}
