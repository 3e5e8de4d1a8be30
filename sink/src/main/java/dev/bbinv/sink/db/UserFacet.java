package dev.bbinv.sink.db;

import java.util.List;

/**
 * What users are counted by ({@code /facets/users}): the workspaces/projects they were listed in and the profiles
 * that see them; each a value expression and the join (with its own condition) that brings it.
 */
enum UserFacet {
    PROFILE("profile", "p.profile", " JOIN asset_profiles p ON p.asset_id = u.id WHERE p.asset_type = 'user'"),
    SCOPE("workspace/project", "s.scope", " JOIN user_scopes s ON s.user_id = u.id WHERE 1 = 1");

    /** What the counts are by, for messages. */
    final String description;
    private final String value;
    private final String joinWhere;

    UserFacet(String description, String value, String joinWhere) {
        this.description = description;
        this.value = value;
        this.joinWhere = joinWhere;
    }

    /**
     * Pure: users per value ({@code v}, {@code n}) among those {@code removed} leaves, most first, then by value; the
     * parameters to bind are added to {@code params}.
     */
    String countSql(RemovedFilter removed, List<Object> params) {
        StringBuilder where = new StringBuilder(joinWhere);
        RepositoryFilterSql.removedCondition(where, params, removed, "u");
        return "SELECT " + value + " AS v, COUNT(*) AS n FROM users u" + where + " GROUP BY " + value
                + " ORDER BY COUNT(*) DESC, " + value;
    }
}
