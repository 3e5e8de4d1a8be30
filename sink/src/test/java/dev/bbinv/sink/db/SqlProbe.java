package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Test helper: plain SQL against an inventory database, to check what is stored beyond the reader's view. */
public final class SqlProbe {
    public static final List<String> TABLES = List.of("repositories", "repository_languages", "repository_app_context",
            "repository_clone_urls", "users", "user_scopes", "asset_profiles", "asset_removed_reasons",
            "consumer_offsets", "schema_migrations", "repository_developers", "repository_tags", "repository_labels");

    public static long count(Database db, String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException(table);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + table + " failed", e);
        }
    }

    /** Row counts of every table, in {@link #TABLES} order. */
    public static List<Long> allCounts(Database db) {
        return TABLES.stream().map(t -> count(db, t)).toList();
    }

    /** Every row of a test's own query, each column as text (SQL NULL as null). */
    public static List<List<String>> rows(Database db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new java.util.ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** The value of a SQLite PRAGMA, as a connection of the inventory sees it. */
    public static String sqlitePragma(Database db, String pragma) {
        if (!pragma.matches("[a-z_]+")) {
            throw new IllegalArgumentException(pragma);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading PRAGMA " + pragma + " failed", e);
        }
    }

    private SqlProbe() {}
}
