package dev.bbinv.sink.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;


/** Fresh, empty inventory databases for tests: a SQLite file under target/, or a new database in a real PostgreSQL. */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A JDBC URL of a new SQLite file under target/. */
    public static String sqliteUrl() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sqlite-");
            return "jdbc:sqlite:" + dir.resolve("inventory.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one embedded PostgreSQL of this JVM, started on first use. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("starting embedded PostgreSQL failed", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // JVM exit
                }
            }));
        }
        return postgres;
    }

    /** A JDBC URL of a new, empty database in the shared embedded PostgreSQL (user postgres, no password). */
    public static String postgresUrl() {
        return createDatabase(postgres());
    }

    /** Creates a new database in this server and returns its JDBC URL. */
    public static String createDatabase(EmbeddedPostgres pg) {
        String name = "inv_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("creating database " + name + " failed", e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    public static Database sqlite() {
        return Database.openAndMigrate(sqliteUrl(), null, null);
    }

    public static Database postgresDatabase() {
        return Database.openAndMigrate(postgresUrl(), "postgres", null);
    }

    private TestDatabases() {}
}
