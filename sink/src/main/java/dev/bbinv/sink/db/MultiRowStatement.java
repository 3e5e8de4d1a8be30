package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

/**
 * Runs one SQL statement over many rows as few statements as the bound-parameter limit allows: a multi-row
 * {@code VALUES} list or an {@code IN} list, one round trip per chunk instead of one per row.
 */
final class MultiRowStatement {
    /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (since 3.32); PostgreSQL allows more, so one bound serves both. */
    static final int PARAMETER_LIMIT = 32_766;
    /**
     * Parameters per statement actually used: well under the limit because statements near it measured about
     * three times slower per row on SQLite (preparing a huge statement costs more than the extra round trips).
     */
    static final int MAX_PARAMETERS = 8_000;

    /** Binds the parameters of one row, starting where the previous row stopped. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(T row, Params p) throws SQLException;
    }

    private MultiRowStatement() {}

    /** Pure: how many rows of {@code columns} parameters (plus {@code fixed} shared ones) fit one statement. */
    static int rowsPerStatement(int columns, int fixed, int maxParameters) {
        if (columns < 1 || fixed < 0 || fixed + columns > maxParameters) {
            throw new IllegalArgumentException("columns " + columns + ", fixed " + fixed + ", limit " + maxParameters);
        }
        return (maxParameters - fixed) / columns;
    }

    /** Pure: {@code (?, ?), (?, ?)} for rows × columns. */
    static String valuesList(int rows, int columns) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, row));
    }

    /** Pure: {@code ?, ?, ?} for an IN list of {@code size} values. */
    static String marks(int size) {
        return String.join(", ", Collections.nCopies(size, "?"));
    }

    /** {@code head + (…), (…) + tail} for every chunk of rows; returns the rows the database reported changed. */
    static <T> int insertValues(Connection c, String head, String tail, int columns, List<T> rows,
                                RowBinder<T> binder) throws SQLException {
        int perStatement = rowsPerStatement(columns, 0, MAX_PARAMETERS);
        int changed = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            try (PreparedStatement ps = c.prepareStatement(head + valuesList(chunk.size(), columns) + tail)) {
                Params p = new Params(ps);
                for (T row : chunk) {
                    binder.bind(row, p);
                }
                changed += ps.executeUpdate();
            }
        }
        return changed;
    }

    /**
     * {@code sqlBefore + ?, ?, … + ")"} for every chunk of ids, e.g. {@code DELETE FROM t WHERE k = ? AND id IN (};
     * {@code fixed} values (bound first) are repeated in every chunk.
     */
    static int forIds(Connection c, String sqlBefore, List<String> fixed, List<String> ids) throws SQLException {
        int perStatement = rowsPerStatement(1, fixed.size(), MAX_PARAMETERS);
        int changed = 0;
        for (int from = 0; from < ids.size(); from += perStatement) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + perStatement));
            try (PreparedStatement ps = c.prepareStatement(sqlBefore + marks(chunk.size()) + ")")) {
                Params p = new Params(ps);
                for (String value : fixed) {
                    p.string(value);
                }
                for (String id : chunk) {
                    p.string(id);
                }
                changed += ps.executeUpdate();
            }
        }
        return changed;
    }

    /** Sets parameters in order, so that row binders need no index arithmetic. */
    static final class Params {
        private final PreparedStatement ps;
        private int next = 1;

        Params(PreparedStatement ps) {
            this.ps = ps;
        }

        Params string(String value) throws SQLException {
            ps.setString(next++, value);
            return this;
        }

        Params bool(boolean value) throws SQLException {
            ps.setBoolean(next++, value);
            return this;
        }

        Params nullableBool(Boolean value) throws SQLException {
            if (value == null) {
                ps.setNull(next++, Types.BOOLEAN);
            } else {
                ps.setBoolean(next++, value);
            }
            return this;
        }

        Params integer(int value) throws SQLException {
            ps.setInt(next++, value);
            return this;
        }

        Params bigint(long value) throws SQLException {
            ps.setLong(next++, value);
            return this;
        }
    }
}
