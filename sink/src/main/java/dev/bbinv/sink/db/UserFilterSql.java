package dev.bbinv.sink.db;

import java.util.ArrayList;
import java.util.List;

/** Pure: the WHERE clause and bound parameters of a user query's filters, over {@code users u}. */
final class UserFilterSql {
    private UserFilterSql() {}

    /** The user listing's filters, in the shape the repository listing's take (no app context to join). */
    static RepositoryFilterSql of(UserQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.profile() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM asset_profiles p WHERE p.asset_type = 'user'"
                    + " AND p.asset_id = u.id AND p.profile = ?)");
            params.add(q.profile());
        }
        RepositoryFilterSql.removedCondition(where, params, q.removed(), "u");
        if (q.scope() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM user_scopes s WHERE s.user_id = u.id AND LOWER(s.scope) = LOWER(?))");
            params.add(q.scope());
        }
        if (q.nameContains() != null) {
            where.append(" AND (LOWER(u.username) LIKE LOWER(?) ESCAPE '!' OR LOWER(u.display_name) LIKE LOWER(?) ESCAPE '!')");
            params.add(RepositoryFilterSql.containsPattern(q.nameContains()));
            params.add(RepositoryFilterSql.containsPattern(q.nameContains()));
        }
        return new RepositoryFilterSql(where.toString(), List.copyOf(params), false);
    }
}
