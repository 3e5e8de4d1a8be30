package dev.bbinv.sink.db;

import java.util.List;

/**
 * Pure: the ORDER BY of a listing by one column then the id, NULLs last, and the seek condition that starts a page
 * right after (or right before) one row of it. A page found by seeking costs its own rows wherever it is; an offset
 * costs every row it skips. {@code reversed} walks the same order backwards (NULLs first), which is how the rows
 * before a row, and the pages near the end, are read from the end.
 */
record ListingOrder(String column, boolean nullable, boolean descending, boolean reversed) {

    static ListingOrder of(RepositorySort sort, boolean descending) {
        return new ListingOrder(sort.column, sort.nullable, descending, false);
    }

    /** The same order walked from the other end. */
    ListingOrder reverse() {
        return new ListingOrder(column, nullable, descending, !reversed);
    }

    /** {@code " ORDER BY ..."}: plain column order where the column cannot be NULL, so an index can serve it. */
    String orderBy(String id) {
        String dir = descending != reversed ? " DESC" : "";
        if (column.equals(id)) {
            return " ORDER BY " + id + dir;
        }
        // (col IS NULL) first keeps NULLs last on both databases, which disagree on their default.
        String nulls = nullable ? "(" + column + " IS NULL)" + (reversed ? " DESC" : "") + ", " : "";
        return " ORDER BY " + nulls + column + dir + ", " + id + dir;
    }

    /**
     * {@code " AND (...)"}: the rows that come after the anchor row in this order, given the anchor's value of the
     * column ({@code null} for a NULL) and its id; the parameters to bind are added to {@code params}.
     */
    String after(String id, Object anchorValue, String anchorId, List<Object> params) {
        // Comparing against the anchor: in the walk's direction, bigger comes next.
        String next = descending != reversed ? "<" : ">";
        if (column.equals(id)) {
            params.add(anchorId);
            return " AND " + id + " " + next + " ?";
        }
        if (!nullable) {
            return " AND " + values(id, next, anchorValue, anchorId, params);
        }
        if (anchorValue == null) {
            params.add(anchorId);
            // NULLs come last forwards: after a NULL only NULLs; backwards they come first, then every value.
            return reversed ? " AND ((" + column + " IS NULL AND " + id + " " + next + " ?) OR " + column + " IS NOT NULL)"
                    : " AND " + column + " IS NULL AND " + id + " " + next + " ?";
        }
        String values = values(id, next, anchorValue, anchorId, params);
        return reversed ? " AND " + values : " AND (" + values + " OR " + column + " IS NULL)";
    }

    /** The rows past the anchor's (value, id); the redundant {@code >=} lets either database seek an index to it. */
    private String values(String id, String next, Object anchorValue, String anchorId, List<Object> params) {
        params.add(anchorValue);
        params.add(anchorValue);
        params.add(anchorValue);
        params.add(anchorId);
        return "(" + column + " " + next + "= ? AND (" + column + " " + next + " ? OR (" + column + " = ? AND " + id
                + " " + next + " ?)))";
    }
}
