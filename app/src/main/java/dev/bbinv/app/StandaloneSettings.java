package dev.bbinv.app;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.bbinv.sink.SinkConfig;
import dev.bbinv.sink.db.Database;

/**
 * Settings for the commands that talk to a pipeline rather than run one ({@code tags}, {@code export}): explicit
 * settings first, else the addresses a running embedded stack wrote to its data folder, else the default SQLite file.
 */
final class StandaloneSettings {
    private StandaloneSettings() {}

    /** The inventory database the settings name; only the database keys matter here, so Kafka ones may be absent. */
    static Database database(Map<String, Object> settings) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.putIfAbsent(Settings.BOOTSTRAP, "unused:9092");
        copy.putIfAbsent(Settings.REGISTRY, "http://unused");
        SinkConfig sink = new SinkConfig(copy);
        return Database.of(sink.jdbcUrl(), sink.jdbcUser(), sink.jdbcPassword());
    }

    static Map<String, Object> resolve(CommonOptions common) {
        Map<String, Object> settings = new LinkedHashMap<>(LocalEndpoints.read(common.dataDir));
        settings.putAll(Settings.merge(Map.of(), System.getenv(), common.sets));
        settings.putIfAbsent(Settings.JDBC_URL, common.sqliteUrl());
        return settings;
    }
}
