package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one page of a listing: its total, and the rows of its {@link PageWindow} in a {@link ListingOrder}, seeking
 * from the anchor row when there is one. Both listings (repositories, users) read their pages here.
 */
final class ListingPages {
    private ListingPages() {}

    /** The value of the listing's order column for the anchor row with this id. */
    @FunctionalInterface
    interface AnchorValue {
        Object of(String id) throws SQLException;
    }

    /** How many rows {@code fromWhere} (a FROM ... WHERE) holds. */
    static long total(Connection c, String fromWhere, List<Object> params) throws SQLException {
        return JdbcRows.query(c, "SELECT COUNT(*) AS n" + fromWhere, params, rs -> rs.getLong("n")).get(0);
    }

    /** The rows of {@code window} of the listing {@code select} (a SELECT ... FROM ... WHERE) in {@code order}. */
    static List<Map<String, Object>> rows(Connection c, String select, List<Object> params, PageWindow window,
            ListingOrder order, String idColumn, AnchorValue anchor) throws SQLException {
        Object anchorValue = window.anchorId() == null ? null : anchor.of(window.anchorId());
        List<Object> all = new ArrayList<>(params);
        List<Map<String, Object>> rows = JdbcRows.query(c, pageSql(select, window, order, idColumn, anchorValue, all),
                all, JdbcRows::row);
        return window.backwards() ? window.inListingOrder(rows) : rows;
    }

    /** Pure: the SQL of {@code window} of the listing {@code select}; its parameters are added to {@code params}. */
    static String pageSql(String select, PageWindow window, ListingOrder order, String idColumn, Object anchorValue,
            List<Object> params) {
        ListingOrder walk = window.backwards() ? order.reverse() : order;
        StringBuilder sql = new StringBuilder(select);
        if (window.anchorId() != null) {
            sql.append(walk.after(idColumn, anchorValue, window.anchorId(), params));
        }
        params.add(window.limit());
        params.add(window.offset());
        return sql.append(walk.orderBy(idColumn)).append(" LIMIT ? OFFSET ?").toString();
    }

    /** The value of the sort column of the repository the page starts from; it must still be there. */
    static Object repositoryAnchor(Connection c, RepositorySort sort, String id) throws SQLException {
        if (sort == RepositorySort.ID) {
            return id;
        }
        List<Object[]> found = JdbcRows.query(c, "SELECT " + sort.column + " AS v" + (sort.needsAppContext()
                ? RepositoryFilterSql.FROM : RepositoryFilterSql.FROM_REPOSITORIES) + " WHERE r.id = ?", List.of(id),
                rs -> new Object[] {rs.getObject("v")});
        if (found.isEmpty()) {
            throw new PageAnchorGoneException("no repository with id '" + id + "' to page from");
        }
        return found.get(0)[0];
    }
}
