package dev.bbinv.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Empty copies of the sink's tables for the plain-JDBC baselines, with what makes an insert cost what it costs in
 * the sink's own table: the primary key, every secondary index and the foreign keys (renamed to point at the copies),
 * and on SQLite the connection settings the sink uses.
 */
final class TableCopies {
    private TableCopies() {}

    /** A connection as the sink opens one: on SQLite with its foreign-key and sync settings; auto-commit on. */
    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
            props.setProperty("password", password);
        }
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        if (!postgres(jdbcUrl)) {
            try (Statement st = c.createStatement()) {
                // The sink's pragmas (Database.connect): the same checks and the same syncing per commit.
                st.execute("PRAGMA foreign_keys = ON");
                st.execute("PRAGMA synchronous = NORMAL");
            }
        }
        return c;
    }

    static boolean postgres(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * Creates {@code prefix + table} for each table (parents first), dropping an old copy first; a foreign key to
     * one of {@code tables} points at its copy.
     */
    static void create(Connection c, boolean postgres, String prefix, List<String> tables) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                st.execute("DROP TABLE IF EXISTS " + prefix + tables.get(i));
            }
            for (String table : tables) {
                for (String ddl : postgres ? postgresDdl(c, prefix, table, tables) : sqliteDdl(c, prefix, table, tables)) {
                    st.execute(ddl);
                }
            }
        }
    }

    /** SQLite keeps each table's and index's CREATE statement (ALTERs included): the same text, renamed. */
    private static List<String> sqliteDdl(Connection c, String prefix, String table, List<String> tables)
            throws SQLException {
        List<String> ddl = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                + "AND sql IS NOT NULL ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sql = rs.getString(3);
                    if (rs.getString(1).equals("table")) {
                        sql = sql.replaceFirst("CREATE TABLE " + table + "\\b", "CREATE TABLE " + prefix + table);
                    } else {
                        String name = rs.getString(2);
                        sql = sql.replaceFirst("INDEX " + name + " ON " + table + "\\b",
                                "INDEX " + prefix + name + " ON " + prefix + table);
                    }
                    ddl.add(renameReferences(sql, prefix, tables));
                }
            }
        }
        if (ddl.isEmpty()) {
            throw new IllegalStateException("no table " + table + " in the SQLite inventory");
        }
        return ddl;
    }

    /** PostgreSQL copies columns, keys and indexes with LIKE; foreign keys are added after, pointing at the copies. */
    private static List<String> postgresDdl(Connection c, String prefix, String table, List<String> tables)
            throws SQLException {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE " + prefix + table + " (LIKE " + table + " INCLUDING ALL)");
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = ?::regclass AND contype = 'f'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ddl.add("ALTER TABLE " + prefix + table + " ADD " + renameReferences(rs.getString(1), prefix, tables));
                }
            }
        }
        return ddl;
    }

    private static String renameReferences(String sql, String prefix, List<String> tables) {
        String out = sql;
        for (String t : tables) {
            out = out.replaceAll("REFERENCES " + t + "\\s*\\(", "REFERENCES " + prefix + t + " (");
        }
        return out;
    }
}
