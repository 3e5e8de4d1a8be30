package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts repositories per facet value. The facets that hold one value per repository and whose own filter is not
 * set all count the same rows, so one pass over those rows counts them all: one scan of a million repositories
 * instead of ten. The others (several values per repository, or their own filter set) are one GROUP BY each. A facet
 * with more than {@link #MAX_DISTINCT} values leaves the pass and is counted by GROUP BY too, so the memory the pass
 * holds stays bounded whatever the inventory.
 */
final class FacetCounts {
    static final int MAX_DISTINCT = 10_000;
    private static final int FETCH_SIZE = 1_000;

    private FacetCounts() {}

    static Map<RepositoryFacet, List<ValueCount>> count(Connection c, RepositoryQuery q, int top) throws SQLException {
        RepositoryFilterSql all = RepositoryFilterSql.of(q);
        List<RepositoryFacet> together = new ArrayList<>();
        for (RepositoryFacet facet : RepositoryFacet.values()) {
            if (facet.oneValueEach() && RepositoryFilterSql.of(q, facet).equals(all)) {
                together.add(facet);
            }
        }
        Map<RepositoryFacet, Tally> tallies = together.size() > 1 ? onePass(c, all, together) : Map.of();
        Map<RepositoryFacet, List<ValueCount>> out = new LinkedHashMap<>();
        for (RepositoryFacet facet : RepositoryFacet.values()) {
            Tally tally = tallies.get(facet);
            out.put(facet, tally != null && !tally.overflowed ? tally.top(top) : groupBy(c, q, facet, top));
        }
        return out;
    }

    /** The values of {@code facets} of every repository matching {@code filter}, read once and tallied. */
    private static Map<RepositoryFacet, Tally> onePass(Connection c, RepositoryFilterSql filter,
                                                       List<RepositoryFacet> facets) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        boolean appContext = false;
        for (int i = 0; i < facets.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(facets.get(i).value).append(" AS v").append(i);
            appContext |= facets.get(i).needsAppContext();
        }
        Map<RepositoryFacet, Tally> tallies = new HashMap<>();
        facets.forEach(f -> tallies.put(f, new Tally()));
        boolean autoCommit = c.getAutoCommit();
        // PostgreSQL streams a result in fetch-size pieces only inside a transaction; otherwise it reads it whole.
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(select + filter.from(appContext) + filter.where())) {
            ps.setFetchSize(FETCH_SIZE);
            InventoryReader.bind(ps, filter.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < facets.size(); i++) {
                        tallies.get(facets.get(i)).add(rs.getString(i + 1));
                    }
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return tallies;
    }

    /** One facet by GROUP BY, its own filter left out. */
    private static List<ValueCount> groupBy(Connection c, RepositoryQuery q, RepositoryFacet facet, int top)
            throws SQLException {
        RepositoryFilterSql filter = RepositoryFilterSql.of(q, facet);
        List<Object> params = new ArrayList<>(filter.params());
        params.add(top);
        return InventoryReader.query(c, "SELECT " + facet.value + " AS v, " + facet.count + " AS n"
                + filter.from(facet.needsAppContext()) + facet.join + filter.where() + " GROUP BY " + facet.value
                + " ORDER BY " + facet.count + " DESC, (" + facet.value + " IS NULL), " + facet.value
                + " LIMIT ?", params, rs -> new ValueCount(rs.getString("v"), rs.getLong("n")));
    }

    /** Pure: how many rows had each value, until there are too many values to hold. */
    static final class Tally {
        private final Map<String, long[]> counts = new HashMap<>();
        private boolean overflowed;

        void add(String value) {
            if (overflowed) {
                return;
            }
            long[] n = counts.get(value);
            if (n != null) {
                n[0]++;
            } else if (counts.size() < MAX_DISTINCT) {
                counts.put(value, new long[] {1});
            } else {
                overflowed = true;
                counts.clear();
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        /** The {@code top} values, most first, then NULL last and the others by value (as the GROUP BY orders them). */
        List<ValueCount> top(int top) {
            return counts.entrySet().stream()
                    .map(e -> new ValueCount(e.getKey(), e.getValue()[0]))
                    .sorted(Comparator.comparingLong(ValueCount::count).reversed()
                            .thenComparing(ValueCount::value, Comparator.nullsLast(Comparator.naturalOrder())))
                    .limit(top)
                    .toList();
        }
    }
}
