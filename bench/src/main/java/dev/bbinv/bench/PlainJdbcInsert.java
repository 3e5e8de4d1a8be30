package dev.bbinv.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline for the sink: the rows the sink wrote to {@code repositories}, inserted again into a copy of that
 * table with nothing but a batched prepared INSERT, in the same database.
 */
final class PlainJdbcInsert {
    static final int BATCH = 500;

    private PlainJdbcInsert() {}

    /** Returns rows per second of the plain insert (rows read before the clock starts). */
    static double rowsPerSecond(String jdbcUrl, String user, String password) throws Exception {
        try (Connection c = TableCopies.connect(jdbcUrl, user, password)) {
            List<Object[]> rows = new ArrayList<>();
            int columns;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM repositories")) {
                columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            // Same columns, primary key and indexes as the sink's table (and its pragmas), so the comparison is like
            // for like.
            TableCopies.create(c, TableCopies.postgres(jdbcUrl), "bench_plain_", List.of("repositories"));
            String marks = String.join(",", java.util.Collections.nCopies(columns, "?"));
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_plain_repositories VALUES (" + marks + ")")) {
                int inBatch = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < columns; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                    if (++inBatch == BATCH) {
                        ps.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return rows.size() / seconds;
        }
    }

    /** Rows in the sink's repositories table (0 when the table does not exist yet or the file is busy). */
    static long repositoryRows(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM repositories")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
