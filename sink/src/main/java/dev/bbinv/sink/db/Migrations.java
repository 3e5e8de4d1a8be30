package dev.bbinv.sink.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the inventory schema to the latest version by running the numbered {@code V<n>__*.sql} resources
 * not yet recorded in {@code schema_migrations}, each in its own transaction.
 */
public final class Migrations {
    /** In order; a new migration is a new file here and a new line in this list. */
    public static final List<String> SCRIPTS = List.of("V1__inventory.sql", "V2__asset_attributes.sql",
            "V3__listing_indexes.sql");
    private static final String FOLDER = "/dev/bbinv/sink/db/migration/";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final Database db;
    private final List<String> scripts;

    public Migrations(Database db) {
        this(db, SCRIPTS);
    }

    /** Only the first of the scripts: how a test builds the inventory an earlier release left behind. */
    Migrations(Database db, List<String> scripts) {
        this.db = db;
        this.scripts = List.copyOf(scripts);
    }

    /** Runs the pending migrations; returns how many ran. */
    public int migrate() {
        try (Connection c = db.connect()) {
            if (db.dialect() == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    // WAL lets the API read while the consumer writes; the setting is stored in the file.
                    st.execute("PRAGMA journal_mode = WAL");
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, "
                        + "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            }
            int applied = appliedVersion(c);
            int ran = 0;
            for (String script : scripts) {
                int version = versionOf(script);
                if (version <= applied) {
                    continue;
                }
                run(c, version, script);
                ran++;
            }
            if (ran > 0) {
                LOG.info("Inventory schema of {} migrated to version {} ({} migration(s))", db.describe(),
                        versionOf(scripts.get(scripts.size() - 1)), ran);
            }
            return ran;
        } catch (SQLException e) {
            throw new InventoryDbException("migrating the inventory schema of " + db.describe() + " failed", e);
        }
    }

    /** The highest version recorded, 0 for an empty database. */
    public int currentVersion() {
        try (Connection c = db.connect()) {
            return appliedVersion(c);
        } catch (SQLException e) {
            throw new InventoryDbException("reading the schema version of " + db.describe() + " failed", e);
        }
    }

    static int versionOf(String script) {
        if (!script.matches("V\\d+__[A-Za-z0-9_]+\\.sql")) {
            throw new IllegalArgumentException("migration file name must look like V<n>__<name>.sql: " + script);
        }
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** Splits a script into statements at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static int appliedVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void run(Connection c, int version, String script) throws SQLException {
        String sql = load(script);
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                for (String statement : statements(sql)) {
                    st.execute(statement);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, script);
                ps.setString(3, Timestamps.format(Instant.now()));
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw new InventoryDbException("migration " + script + " failed on " + db.describe(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String load(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + script)) {
            if (in == null) {
                throw new InventoryDbException("migration resource " + FOLDER + script + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InventoryDbException("cannot read migration " + script, e);
        }
    }
}
