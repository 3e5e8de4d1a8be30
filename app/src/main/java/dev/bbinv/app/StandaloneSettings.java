package dev.bbinv.app;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.bbinv.sink.SinkConfig;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.NoInventoryException;

/**
 * Settings for the commands that talk to a pipeline rather than run one ({@code tags}, {@code export}): explicit
 * settings first, else the addresses a running embedded stack wrote to its data folder, else the default SQLite file.
 */
final class StandaloneSettings {
    private StandaloneSettings() {}

    /**
     * The inventory database the settings name, which must exist (nothing is created); only the database keys matter
     * here, so Kafka ones may be absent.
     *
     * @throws IllegalStateException saying what to run first when there is no inventory yet
     */
    static Database database(Map<String, Object> settings) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.putIfAbsent(Settings.BOOTSTRAP, "unused:9092");
        copy.putIfAbsent(Settings.REGISTRY, "http://unused");
        copy.put(SinkConfig.API_ENABLED_CONFIG, false); // this command serves no API
        SinkConfig sink = new SinkConfig(copy);
        try {
            return Database.existing(sink.jdbcUrl(), sink.jdbcUser(), sink.jdbcPassword());
        } catch (NoInventoryException e) {
            throw new IllegalStateException(e.getMessage() + ". " + NOTHING_YET_HINT, e);
        }
    }

    /** What to run before a command that reads the inventory, when there is none yet. */
    static final String NOTHING_YET_HINT = "Run `bbinv demo` (a simulated Bitbucket) or `bbinv run --profiles FILE` "
            + "first (with the same --data-dir), or point inventory.jdbc.url at the sink's database";

    static Map<String, Object> resolve(CommonOptions common) {
        Map<String, Object> settings = new LinkedHashMap<>(LocalEndpoints.read(common.dataDir));
        settings.putAll(Settings.merge(Map.of(), System.getenv(), common.sets));
        settings.putIfAbsent(Settings.JDBC_URL, common.sqliteUrl());
        return settings;
    }
}
