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
 * instead of ten. Over every present (or removed) repository, a facet of several values per repository (languages,
 * profiles, tags, labels) is one pass over its rows in repository order. Any other facet is one GROUP BY, as is one
 * with more than {@link #MAX_DISTINCT} values, so the memory a pass holds stays bounded whatever the inventory.
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
        Map<RepositoryFacet, Tally> tallies = new HashMap<>(together.size() > 1 ? onePass(c, all, together) : Map.of());
        // Walking the child rows in repository order beats a GROUP BY only over every (present) repository: a filter
        // would have to be tested row by row in that order instead of narrowing the rows first.
        if (all.equals(RepositoryFilterSql.of(onlyRemoved(q)))) {
            for (RepositoryFacet facet : RepositoryFacet.values()) {
                if (!facet.oneValueEach()) {
                    tallies.put(facet, childPass(c, all, facet));
                }
            }
        }
        Map<RepositoryFacet, List<ValueCount>> out = new LinkedHashMap<>();
        for (RepositoryFacet facet : RepositoryFacet.values()) {
            Tally tally = tallies.get(facet);
            out.put(facet, tally != null && !tally.overflowed ? tally.top(top) : groupBy(c, q, facet, top));
        }
        return out;
    }

    /** The same listing without any filter but {@code removed}. */
    private static RepositoryQuery onlyRemoved(RepositoryQuery q) {
        return new RepositoryQuery(null, null, null, null, null, null, null, q.removed(), null, RepositorySort.ID, false,
                1, 0, null);
    }

    /** One facet over the repositories {@code q} leaves, which only filters by {@code removed}; {@code top} values. */
    static List<ValueCount> one(Connection c, RepositoryQuery q, RepositoryFacet facet, int top) throws SQLException {
        RepositoryFilterSql filter = RepositoryFilterSql.of(q);
        Tally tally = facet.oneValueEach() ? onePass(c, filter, List.of(facet)).get(facet) : childPass(c, filter, facet);
        return tally.overflowed ? groupBy(c, q, facet, top) : tally.top(top);
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
            JdbcRows.bind(ps, filter.params());
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

    /**
     * A facet of several values per repository, tallied once per repository and value from its rows in repository
     * order: no sort and no COUNT(DISTINCT) of a million rows, which is what the GROUP BY spends its time on.
     */
    private static Tally childPass(Connection c, RepositoryFilterSql filter, RepositoryFacet facet) throws SQLException {
        Tally tally = new Tally();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT r.id AS id, " + facet.value + " AS v"
                + filter.from(false) + facet.join + filter.where() + " ORDER BY r.id")) {
            ps.setFetchSize(FETCH_SIZE);
            JdbcRows.bind(ps, filter.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && !tally.overflowed) {
                    tally.addOncePerRepository(rs.getString(1), rs.getString(2));
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return tally;
    }

    /** One facet by GROUP BY, its own filter left out. */
    private static List<ValueCount> groupBy(Connection c, RepositoryQuery q, RepositoryFacet facet, int top)
            throws SQLException {
        RepositoryFilterSql filter = RepositoryFilterSql.of(q, facet);
        List<Object> params = new ArrayList<>(filter.params());
        params.add(top);
        return JdbcRows.query(c, "SELECT " + facet.value + " AS v, " + facet.count + " AS n"
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

        private String repository;
        private final java.util.Set<String> valuesOfRepository = new java.util.HashSet<>();

        /** Adds the value unless this repository (rows come by repository) already had it. */
        void addOncePerRepository(String repositoryId, String value) {
            if (!repositoryId.equals(repository)) {
                repository = repositoryId;
                valuesOfRepository.clear();
            }
            if (valuesOfRepository.add(value)) {
                add(value);
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
