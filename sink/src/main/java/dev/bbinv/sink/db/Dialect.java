package dev.bbinv.sink.db;

import java.util.Locale;

import dev.bbinv.schemas.config.PipelineSettings;

/** The two databases the inventory runs on, told apart by their JDBC URL. */
public enum Dialect {
    SQLITE, POSTGRESQL;

    /** The dialect of a JDBC URL, or an exception naming what is supported. */
    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            if (url.contains(":memory:") || url.contains("mode=memory")) {
                // The sink opens a connection per transaction; each would see its own empty in-memory database.
                throw new IllegalArgumentException("an in-memory SQLite database cannot hold the inventory: "
                        + "use jdbc:sqlite:<file>");
            }
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + redact(jdbcUrl)
                + "': use jdbc:sqlite:<file> or jdbc:postgresql://host:port/db");
    }

    /** The URL with any password= parameter masked, for messages. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        return PipelineSettings.withoutCredentials(jdbcUrl);
    }
}
