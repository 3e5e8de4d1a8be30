package dev.bbinv.sink.db;

/**
 * Filters, order and page of a repository listing; a null filter matches everything. Text filters compare
 * case-insensitively (ASCII on SQLite); {@code nameContains} is a plain substring, never a pattern. {@code scope} is
 * the workspace (Cloud) or project (Data Center) key; {@code createdYear} the year Bitbucket says the repository was
 * created in (Cloud only: Data Center does not say). {@code freshness} is the stored symbol (ACTIVE, INACTIVE,
 * DORMANT, NA), {@code assetClass} A to D, {@code developer} a username or email, {@code tag} {@code key:value}.
 * {@code afterId} / {@code beforeId} start the page right after / right before that repository in the listing's order
 * (seek paging: a page costs its own rows wherever it is); {@code offset} then counts from there.
 */
public record RepositoryQuery(
        String language,
        String owner,
        String application,
        String lifecycle,
        String category,
        String visibility,
        String profile,
        RemovedFilter removed,
        String nameContains,
        RepositorySort sort,
        boolean descending,
        int limit,
        int offset,
        String afterId,
        String scope,
        Boolean archived,
        String createdYear,
        String freshness,
        String assetClass,
        String developer,
        String tag,
        String label,
        String beforeId) {

    /** Without a page before a repository (the listing's shape before seek paging, kept for its callers). */
    public RepositoryQuery(String language, String owner, String application, String lifecycle, String category,
                           String visibility, String profile, RemovedFilter removed, String nameContains,
                           RepositorySort sort, boolean descending, int limit, int offset, String afterId,
                           String scope, Boolean archived, String createdYear, String freshness, String assetClass,
                           String developer, String tag, String label) {
        this(language, owner, application, lifecycle, category, visibility, profile, removed, nameContains, sort,
                descending, limit, offset, afterId, scope, archived, createdYear, freshness, assetClass, developer, tag,
                label, null);
    }

    /** Without the asset attribute filters (freshness, class, developer, tag, label). */
    public RepositoryQuery(String language, String owner, String application, String lifecycle, String category,
                           String visibility, String profile, RemovedFilter removed, String nameContains,
                           RepositorySort sort, boolean descending, int limit, int offset, String afterId,
                           String scope, Boolean archived, String createdYear) {
        this(language, owner, application, lifecycle, category, visibility, profile, removed, nameContains, sort,
                descending, limit, offset, afterId, scope, archived, createdYear, null, null, null, null, null, null);
    }

    /** Without the workspace/project and archived filters (the listing's first shape, kept for its callers). */
    public RepositoryQuery(String language, String owner, String application, String lifecycle, String category,
                           String visibility, String profile, RemovedFilter removed, String nameContains,
                           RepositorySort sort, boolean descending, int limit, int offset, String afterId) {
        this(language, owner, application, lifecycle, category, visibility, profile, removed, nameContains, sort,
                descending, limit, offset, afterId, null, null, null);
    }

    /** Every present repository, by name, first page of {@code limit}. */
    public static RepositoryQuery all(int limit) {
        return new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.PRESENT_ONLY, null,
                RepositorySort.NAME, false, limit, 0, null);
    }

    /** The same filters, ordered by id from after {@code afterId}: how an export walks every match. */
    public RepositoryQuery keysetPage(int pageSize, String after) {
        return new RepositoryQuery(language, owner, application, lifecycle, category, visibility, profile, removed,
                nameContains, RepositorySort.ID, false, pageSize, 0, after, scope, archived, createdYear, freshness,
                assetClass, developer, tag, label, null);
    }
}
