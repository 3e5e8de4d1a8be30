package dev.bbinv.sink.db;

/**
 * Filters, order and page of a repository listing; a null filter matches everything. Text filters compare
 * case-insensitively (ASCII on SQLite); {@code nameContains} is a plain substring, never a pattern.
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
        String afterId) {

    /** Every present repository, by name, first page of {@code limit}. */
    public static RepositoryQuery all(int limit) {
        return new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.PRESENT_ONLY, null,
                RepositorySort.NAME, false, limit, 0, null);
    }
}
