package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The paging suite on a real SQLite file, plus how SQLite reads the pages: what keeps a page cheap at a million
 * repositories is that it comes off an index in order, never from a sort of every match.
 */
class SqliteListingPagesIT extends ListingPagesDbContract {
    @Override
    protected Database newDatabase() {
        return TestDatabases.sqlite();
    }

    @Test
    void theDefaultPagesTheSeeksAndTheExportReadAnIndexInOrderAndTheCountReadsNoAppContext() throws SQLException {
        RepositoryQuery present = RepositoryQuery.all(50);
        RepositoryFilterSql filter = RepositoryFilterSql.of(present);
        String select = "SELECT r.*" + filter.from(false) + filter.where();
        for (boolean descending : List.of(false, true)) {
            ListingOrder byName = ListingOrder.of(RepositorySort.NAME, descending);
            assertReadInOrder(select, filter, PageWindow.of(null, null, 0, 50, 1_000_000), byName, null);
            assertReadInOrder(select, filter, PageWindow.of(null, null, 999_950, 50, 1_000_000), byName, null);
            assertReadInOrder(select, filter, PageWindow.of("some-id", null, 0, 50, -1), byName, "svc-1");
            assertReadInOrder(select, filter, PageWindow.of(null, "some-id", 0, 50, -1), byName, "svc-1");
        }
        // The export: every present repository by id, a page after the last id at a time.
        assertReadInOrder(select, filter, PageWindow.of("some-id", null, 0, 500, -1),
                ListingOrder.of(RepositorySort.ID, false), "some-id");
        String users = "SELECT u.* FROM users u WHERE 1 = 1 AND u.removed = ?";
        List<Object> userParams = withParams(false);
        String usersSql = ListingPages.pageSql(users, PageWindow.of("u", null, 0, 500, -1),
                new ListingOrder("u.id", false, false, false), "u.id", "u", userParams);
        List<String> usersPlan = plan(usersSql, userParams.toArray());
        assertFalse(usersPlan.toString().contains("TEMP B-TREE"), usersPlan.toString());

        List<String> count = plan("SELECT COUNT(*) AS n" + filter.from(false) + filter.where(), filter.params().toArray());
        assertFalse(count.toString().contains("repository_app_context"), count.toString());
        assertTrue(count.toString().contains("COVERING INDEX"), count.toString());
    }

    private void assertReadInOrder(String select, RepositoryFilterSql filter, PageWindow window, ListingOrder order,
                                   Object anchorValue) throws SQLException {
        List<Object> params = new ArrayList<>(filter.params());
        String sql = ListingPages.pageSql(select, window, order, "r.id", anchorValue, params);
        List<String> plan = plan(sql, params.toArray());
        assertFalse(plan.toString().contains("TEMP B-TREE"), sql + " -> " + plan);
    }

    private static List<Object> withParams(Object... values) {
        return new ArrayList<>(List.of(values));
    }

    private List<String> plan(String sql, Object... params) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> details = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    details.add(rs.getString("detail"));
                }
            }
            return details;
        }
    }
}
