package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs one SQL statement over many rows in the shape each database runs fastest, with one statement text per table
 * whatever the number of rows, so it is parsed once instead of once per chunk:
 * <ul>
 * <li>SQLite: the single-row statement prepared once and run as a JDBC batch (each row is a bind and a step; a
 * multi-row {@code VALUES} list of thousands of parameters cost more to prepare than to run);</li>
 * <li>PostgreSQL: {@code INSERT … SELECT * FROM unnest(?, ?, …)} with one array per column, and {@code = ANY(?)}
 * for a list of ids: one round trip and one small plan per table.</li>
 * </ul>
 * The {@code IN}-list helpers ({@link #marks}, {@link #rowsPerStatement}) remain for the reader's queries.
 */
final class MultiRowStatement {
    /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (since 3.32); PostgreSQL allows more, so one bound serves both. */
    static final int PARAMETER_LIMIT = 32_766;
    /**
     * Parameters per statement actually used by {@code IN} lists: well under the limit because statements near it
     * measured about three times slower per row on SQLite.
     */
    static final int MAX_PARAMETERS = 8_000;

    /** Binds the parameters of one row, starting where the previous row stopped. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(T row, RowParams p) throws SQLException;
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

    /** Pure: PostgreSQL's {@code SELECT * FROM unnest(?::text[], ?::int8[])} for these column types. */
    static String unnestSelect(List<String> types) {
        return "SELECT * FROM unnest(" + String.join(", ", types.stream().map(t -> "?::" + t + "[]").toList()) + ")";
    }

    /**
     * Writes {@code head + row + tail} for every row, where head ends in {@code VALUES } and lists the columns, and
     * tail is empty or an {@code ON CONFLICT} clause.
     */
    static <T> void insertValues(Connection c, Dialect dialect, String head, String tail, int columns, List<T> rows,
                                 RowBinder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = unnest(c, head, tail, columns, rows, binder)) {
                ps.executeUpdate();
            }
            return;
        }
        singleRowBatch(c, head, tail, columns, rows, binder);
    }

    /** SQLite: {@code head + one row + tail} prepared once and run for every row as one JDBC batch. */
    private static <T> int[] singleRowBatch(Connection c, String head, String tail, int columns, List<T> rows,
                                            RowBinder<T> binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(head + valuesList(1, columns) + tail)) {
            RowParams p = new RowParams(ps);
            for (T row : rows) {
                p.nextRow();
                binder.bind(row, p);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /**
     * What an upsert guarded by {@code WHERE} wrote: {@code written} holds the rows inserted or updated (not those the
     * guard refused), {@code updated} those of them whose key was already there, so they may have old child rows.
     */
    record Upserted<T>(List<T> written, List<T> updated) {}

    /**
     * Like {@link #insertValues} for an upsert into {@code table} keyed by {@code keyColumn}, guarded by a
     * {@code WHERE} at the end of tail. PostgreSQL says which rows it wrote and which it inserted by {@code RETURNING}
     * ({@code xmax = 0} only for a row this statement inserted); SQLite reports per row of the batch whether it wrote
     * it, and which keys existed is read first in the same transaction (a write after a stale read fails, it does not
     * pass unnoticed).
     */
    static <T> Upserted<T> upsert(Connection c, Dialect dialect, String table, String head, String tail, int columns,
                                  List<T> rows, RowBinder<T> binder, String keyColumn, Function<T, String> key)
            throws SQLException {
        List<T> written = new ArrayList<>(rows.size());
        List<T> updated = new ArrayList<>();
        if (rows.isEmpty()) {
            return new Upserted<>(written, updated);
        }
        if (dialect == Dialect.POSTGRESQL) {
            Map<String, Boolean> insertedByKey = new HashMap<>();
            try (PreparedStatement ps = unnest(c, head, tail + " RETURNING " + keyColumn + ", (xmax = 0)", columns,
                    rows, binder); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    insertedByKey.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            for (T row : rows) {
                Boolean inserted = insertedByKey.get(key.apply(row));
                if (inserted != null) {
                    written.add(row);
                    if (!inserted) {
                        updated.add(row);
                    }
                }
            }
            return new Upserted<>(written, updated);
        }
        // The keys already there, read before the write: of the rows written, theirs are the updated ones.
        Set<String> existing = new HashSet<>();
        selectForIds(c, dialect, "SELECT " + keyColumn + " FROM " + table + " WHERE " + keyColumn, List.of(),
                rows.stream().map(key).toList(), rs -> existing.add(rs.getString(1)));
        int[] changed = singleRowBatch(c, head, tail, columns, rows, binder);
        for (int i = 0; i < rows.size(); i++) {
            if (changed[i] > 0) {
                T row = rows.get(i);
                written.add(row);
                if (existing.contains(key.apply(row))) {
                    updated.add(row);
                }
            }
        }
        return new Upserted<>(written, updated);
    }

    /**
     * Runs {@code sqlBefore} once per id with the id compared to its last column, e.g. {@code DELETE FROM t WHERE
     * k = ? AND id}: {@code = ?} per id in a batch on SQLite, {@code = ANY(?)} with all ids on PostgreSQL.
     * {@code fixed} values (bound first) are the same for every id.
     */
    static void forIds(Connection c, Dialect dialect, String sqlBefore, List<String> fixed, List<String> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(sqlBefore + " = ANY (?)")) {
                int i = 1;
                for (String value : fixed) {
                    ps.setString(i++, value);
                }
                ps.setArray(i, c.createArrayOf("text", ids.toArray()));
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sqlBefore + " = ?")) {
            for (String id : ids) {
                int i = 1;
                for (String value : fixed) {
                    ps.setString(i++, value);
                }
                ps.setString(i, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs the query {@code sqlBefore} (ending in the column the ids are compared to) for these ids: {@code IN} lists
     * within the parameter limit on SQLite, {@code = ANY(?)} on PostgreSQL; {@code fixed} values are bound first.
     */
    static void selectForIds(Connection c, Dialect dialect, String sqlBefore, List<String> fixed, List<String> ids,
                             RowReader reader) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        int perStatement = dialect == Dialect.POSTGRESQL ? ids.size() : rowsPerStatement(1, fixed.size(), MAX_PARAMETERS);
        for (int from = 0; from < ids.size(); from += perStatement) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + perStatement));
            String sql = sqlBefore + (dialect == Dialect.POSTGRESQL ? " = ANY (?)" : " IN (" + marks(chunk.size()) + ")");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (String value : fixed) {
                    ps.setString(i++, value);
                }
                if (dialect == Dialect.POSTGRESQL) {
                    ps.setArray(i, c.createArrayOf("text", chunk.toArray()));
                } else {
                    for (String id : chunk) {
                        ps.setString(i++, id);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    /** PostgreSQL: the rows bound column by column into arrays, one parameter per column. */
    private static <T> PreparedStatement unnest(Connection c, String head, String tail, int columns, List<T> rows,
                                                RowBinder<T> binder) throws SQLException {
        RowParams p = RowParams.collecting(columns, rows.size());
        for (T row : rows) {
            p.nextRow();
            binder.bind(row, p);
        }
        String insert = head.substring(0, head.lastIndexOf("VALUES"));
        PreparedStatement ps = c.prepareStatement(insert + unnestSelect(p.types()) + tail);
        try {
            for (int i = 0; i < columns; i++) {
                ps.setArray(i + 1, c.createArrayOf(p.types().get(i), p.column(i).toArray()));
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
