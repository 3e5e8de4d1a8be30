package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JDBC plumbing the readers share: a query run with its parameters bound by type, its rows mapped, and the
 * values of a row read the same way whichever database returned them.
 */
final class JdbcRows {
    private JdbcRows() {}

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Every row of {@code sql} with {@code params} bound, mapped. */
    static <T> List<T> query(Connection c, String sql, List<?> params, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /**
     * The child rows of these assets, grouped by {@code idColumn} and mapped, in the order {@code sql} gives; the
     * {@code IN (?)} of {@code sql} gets one mark per id. No query when there are no ids.
     */
    static <T> Map<String, List<T>> byId(Connection c, String sql, List<String> ids, String idColumn,
                                         RowMapper<T> mapper) throws SQLException {
        Map<String, List<T>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(sql.replace("(?)", "(" + MultiRowStatement.marks(ids.size()) + ")"))) {
            bind(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(idColumn), k -> new ArrayList<>()).add(mapper.map(rs));
                }
            }
        }
        return out;
    }

    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String s) {
                ps.setString(i + 1, s);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if (p != null) {
                // A value read back from a column (a page's anchor), bound as the driver read it.
                ps.setObject(i + 1, p);
            } else {
                throw new IllegalArgumentException("a null parameter cannot be bound untyped");
            }
        }
    }

    /** A row as lower-case column label to value, as the driver read it ({@link #bool} evens out booleans). */
    static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        int n = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= n; i++) {
            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        return row;
    }

    /** Pure: the column's value as text, or null. */
    static String str(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    /** Pure: the column's value as a boolean, or null; SQLite returns booleans as integers, PostgreSQL as booleans. */
    static Boolean bool(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        return Boolean.parseBoolean(v.toString()) || "1".equals(v.toString());
    }

    /** Pure: the column's (non-null) numeric value as a long. */
    static long lng(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
