package dev.bbinv.sink.db;

import java.util.Locale;

/**
 * A repository attribute the listing can be filtered by and counted by: its value expression and the join that
 * brings it. Counting by a facet is how the web page shows "how many repositories have each value".
 */
public enum RepositoryFacet {
    LANGUAGE("l.name", " JOIN repository_languages l ON l.repository_id = r.id"),
    OWNER("a.owner", ""),
    APPLICATION("a.application", ""),
    LIFECYCLE("a.lifecycle", ""),
    CATEGORY("a.category", ""),
    VISIBILITY("LOWER(r.visibility)", ""),
    PROFILE("p.profile", " JOIN asset_profiles p ON p.asset_type = 'repository' AND p.asset_id = r.id"),
    SCOPE("r.scope_key", ""),
    // Booleans as text: SQLite stores 0/1, PostgreSQL true/false; both read the same here.
    ARCHIVED("CASE WHEN r.archived THEN 'true' ELSE 'false' END", "");

    final String value;
    final String join;

    RepositoryFacet(String value, String join) {
        this.value = value;
        this.join = join;
    }

    /** The name used in query strings and JSON: {@code language}, {@code owner}, ... */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
