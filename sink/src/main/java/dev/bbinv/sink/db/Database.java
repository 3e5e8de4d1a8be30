package dev.bbinv.sink.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where the inventory lives: opens connections to SQLite or PostgreSQL with the settings each needs.
 * Credentials are kept here and never appear in messages.
 */
public final class Database {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Dialect dialect;

    private Database(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dialect = Dialect.of(jdbcUrl);
    }

    /** A database handle; for SQLite the file's folder is created. Nothing is connected yet. */
    public static Database of(String jdbcUrl, String user, String password) {
        Database db = new Database(jdbcUrl, user, password);
        if (db.dialect == Dialect.SQLITE) {
            createParentFolder(jdbcUrl);
        }
        return db;
    }

    /**
     * A handle to an inventory that must exist already, for commands that only read it: creates nothing (no folder,
     * no SQLite file, no tables).
     *
     * @throws NoInventoryException when there is no SQLite file or the database holds no inventory tables
     */
    public static Database existing(String jdbcUrl, String user, String password) {
        Database db = new Database(jdbcUrl, user, password);
        if (db.dialect == Dialect.SQLITE) {
            Path file = sqliteFile(jdbcUrl);
            if (file != null && !Files.isRegularFile(file)) {
                throw new NoInventoryException("there is no inventory yet: " + file + " does not exist");
            }
        }
        try (Connection c = db.connect();
             java.sql.ResultSet tables = c.getMetaData().getTables(null, null, "schema_migrations", null)) {
            if (!tables.next()) {
                throw new NoInventoryException("there is no inventory yet in " + db.describe()
                        + ": the database holds no inventory tables");
            }
        } catch (SQLException e) {
            throw new InventoryDbException("cannot open the inventory " + db.describe(), e);
        }
        return db;
    }

    /** Opens the database and brings its schema to the latest version. */
    public static Database openAndMigrate(String jdbcUrl, String user, String password) {
        Database db = of(jdbcUrl, user, password);
        new Migrations(db).migrate();
        return db;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL with any password parameter masked. */
    public String describe() {
        return Dialect.redact(jdbcUrl);
    }

    /** A new connection, auto-commit on; the caller closes it. */
    Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        if (dialect == Dialect.POSTGRESQL) {
            props.setProperty("connectTimeout", "5");
            // Without it a handshake with a server that accepted the socket but never answers (one shutting
            // down, or another program on a reused port) would wait out the socket timeout on every retry.
            props.setProperty("loginTimeout", "10");
            props.setProperty("socketTimeout", "60");
        }
        Connection connection = DriverManager.getConnection(jdbcUrl, props);
        if (dialect == Dialect.SQLITE) {
            try (Statement st = connection.createStatement()) {
                // Readers (the API) and the writer (the consumer) share the file: wait for locks instead of failing.
                st.execute("PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
                st.execute("PRAGMA foreign_keys = ON");
                // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut can lose the last
                // commits but never corrupts the file, and rows and offsets are lost together, so they are re-read.
                st.execute("PRAGMA synchronous = NORMAL");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** Whether a connection can be opened right now (for health checks and outage recovery logs). */
    public boolean reachable() {
        try (Connection c = connect()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory or {@code file:} URI database. */
    private static Path sqliteFile(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String file = query >= 0 ? rest.substring(0, query) : rest;
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return null;
        }
        return Path.of(file).toAbsolutePath();
    }

    private static void createParentFolder(String jdbcUrl) {
        Path file = sqliteFile(jdbcUrl);
        if (file == null) {
            return;
        }
        Path parent = file.getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new InventoryDbException("cannot create the folder " + parent + " for the SQLite inventory", e);
            }
        }
    }
}
