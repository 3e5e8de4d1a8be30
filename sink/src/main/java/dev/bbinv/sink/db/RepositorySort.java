package dev.bbinv.sink.db;

/** The columns a repository listing may be sorted by; the id always breaks ties so pages are stable. */
public enum RepositorySort {
    NAME("r.name", false), FULL_NAME("r.full_name", true), ID("r.id", false), CREATED_AT("r.created_at", true),
    UPDATED_AT("r.updated_at", true), FIRST_SEEN("r.first_seen", false), LAST_SEEN("r.last_seen", false),
    SCOPE("r.scope_key", false), VISIBILITY("r.visibility", false), ARCHIVED("r.archived", false),
    OWNER("a.owner", true), APPLICATION("a.application", true), LIFECYCLE("a.lifecycle", true),
    CATEGORY("a.category", true), CLASS("r.asset_class", false), LAST_COMMIT_AT("r.last_commit_at", true);

    final String column;
    /** Whether the column can be NULL (the schema says NOT NULL otherwise); NULLs sort last either way. */
    final boolean nullable;

    RepositorySort(String column, boolean nullable) {
        this.column = column;
        this.nullable = nullable;
    }

    /** Whether the column comes from the app context, which the listing then has to join. */
    boolean needsAppContext() {
        return column.startsWith("a.");
    }
}
