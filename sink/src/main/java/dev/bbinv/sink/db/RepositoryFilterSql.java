package dev.bbinv.sink.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure: the WHERE clause and bound parameters of a repository query's filters, over
 * {@code repositories r LEFT JOIN repository_app_context a}. One facet's own filter can be left out, so that its
 * counts show every value the other filters leave (what a filter drop-down offers). {@code appContext} says whether
 * the clause reads the app context; when it does not, {@link #from} leaves the join out (a million fewer lookups
 * when counting).
 */
record RepositoryFilterSql(String where, List<Object> params, boolean appContext) {
    static final String FROM = " FROM repositories r LEFT JOIN repository_app_context a ON a.repository_id = r.id";
    static final String FROM_REPOSITORIES = " FROM repositories r";

    /** The FROM clause this filter needs, with the app context joined also when {@code alsoAppContext}. */
    String from(boolean alsoAppContext) {
        return appContext || alsoAppContext ? FROM : FROM_REPOSITORIES;
    }

    static RepositoryFilterSql of(RepositoryQuery q) {
        return of(q, null);
    }

    static RepositoryFilterSql of(RepositoryQuery q, RepositoryFacet without) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.language() != null && without != RepositoryFacet.LANGUAGE) {
            where.append(" AND EXISTS (SELECT 1 FROM repository_languages fl WHERE fl.repository_id = r.id"
                    + " AND LOWER(fl.name) = LOWER(?))");
            params.add(q.language());
        }
        boolean appContext = text(where, params, "a.owner", q.owner(), without != RepositoryFacet.OWNER)
                | text(where, params, "a.application", q.application(), without != RepositoryFacet.APPLICATION)
                | text(where, params, "a.lifecycle", q.lifecycle(), without != RepositoryFacet.LIFECYCLE)
                | text(where, params, "a.category", q.category(), without != RepositoryFacet.CATEGORY);
        if (q.visibility() != null && without != RepositoryFacet.VISIBILITY) {
            where.append(" AND r.visibility = ?");
            params.add(q.visibility());
        }
        if (q.profile() != null && without != RepositoryFacet.PROFILE) {
            where.append(" AND EXISTS (SELECT 1 FROM asset_profiles fp WHERE fp.asset_type = 'repository'"
                    + " AND fp.asset_id = r.id AND fp.profile = ?)");
            params.add(q.profile());
        }
        text(where, params, "r.scope_key", q.scope(), without != RepositoryFacet.SCOPE);
        if (q.archived() != null && without != RepositoryFacet.ARCHIVED) {
            where.append(" AND r.archived = ?");
            params.add(q.archived());
        }
        if (q.createdYear() != null && without != RepositoryFacet.CREATED) {
            where.append(" AND SUBSTR(r.created_at, 1, 4) = ?");
            params.add(q.createdYear());
        }
        if (q.freshness() != null && without != RepositoryFacet.FRESHNESS) {
            where.append(" AND r.freshness = ?");
            params.add(q.freshness());
        }
        if (q.assetClass() != null && without != RepositoryFacet.CLASS) {
            where.append(" AND r.asset_class = ?");
            params.add(q.assetClass());
        }
        if (q.developer() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM repository_developers fd WHERE fd.repository_id = r.id"
                    + " AND (LOWER(fd.username) = LOWER(?) OR LOWER(fd.email) = LOWER(?)))");
            params.add(q.developer());
            params.add(q.developer());
        }
        if (q.tag() != null && without != RepositoryFacet.TAG) {
            int colon = q.tag().indexOf(':');
            where.append(" AND EXISTS (SELECT 1 FROM repository_tags ft WHERE ft.repository_id = r.id"
                    + " AND LOWER(ft.tag_key) = LOWER(?) AND LOWER(ft.tag_value) = LOWER(?))");
            params.add(colon < 0 ? q.tag() : q.tag().substring(0, colon));
            params.add(colon < 0 ? "" : q.tag().substring(colon + 1));
        }
        if (q.label() != null && without != RepositoryFacet.LABEL) {
            where.append(" AND EXISTS (SELECT 1 FROM repository_labels fb WHERE fb.repository_id = r.id"
                    + " AND LOWER(fb.name) = LOWER(?))");
            params.add(q.label());
        }
        removedCondition(where, params, q.removed(), "r");
        if (q.nameContains() != null) {
            where.append(" AND LOWER(r.name) LIKE LOWER(?) ESCAPE '!'");
            params.add(containsPattern(q.nameContains()));
        }
        return new RepositoryFilterSql(where.toString(), List.copyOf(params), appContext);
    }

    /**
     * Appends the condition on {@code alias.removed} that {@code removed} asks for: none for {@link RemovedFilter#ANY}
     * or null. Repositories and users are removed alike, so both listings and the user counts take this one.
     */
    static void removedCondition(StringBuilder where, List<Object> params, RemovedFilter removed, String alias) {
        if (removed == RemovedFilter.PRESENT_ONLY || removed == RemovedFilter.REMOVED_ONLY) {
            where.append(" AND ").append(alias).append(".removed = ?");
            params.add(removed == RemovedFilter.REMOVED_ONLY);
        }
    }

    /** A LIKE pattern matching the text anywhere, with the pattern characters in the text escaped. */
    static String containsPattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Appends the filter when there is a value to apply; says whether it did. */
    private static boolean text(StringBuilder where, List<Object> params, String column, String value, boolean apply) {
        if (value != null && apply) {
            where.append(" AND LOWER(").append(column).append(") = LOWER(?)");
            params.add(value);
            return true;
        }
        return false;
    }
}
