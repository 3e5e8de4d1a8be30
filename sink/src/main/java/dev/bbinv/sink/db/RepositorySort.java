package dev.bbinv.sink.db;

/** The columns a repository listing may be sorted by; the id always breaks ties so pages are stable. */
public enum RepositorySort {
    NAME("r.name"), FULL_NAME("r.full_name"), ID("r.id"), CREATED_AT("r.created_at"), UPDATED_AT("r.updated_at"),
    FIRST_SEEN("r.first_seen"), LAST_SEEN("r.last_seen"), SCOPE("r.scope_key"), VISIBILITY("r.visibility"),
    ARCHIVED("r.archived"), OWNER("a.owner"), APPLICATION("a.application"), LIFECYCLE("a.lifecycle"),
    CATEGORY("a.category"), CLASS("r.asset_class"), LAST_COMMIT_AT("r.last_commit_at");

    final String column;

    RepositorySort(String column) {
        this.column = column;
    }
}
