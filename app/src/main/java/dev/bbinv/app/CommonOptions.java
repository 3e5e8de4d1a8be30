package dev.bbinv.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Options every pipeline command shares: where local data lives and extra settings. */
final class CommonOptions {
    @Option(names = "--data-dir", defaultValue = "data", description = "Folder for the embedded broker, the schema registry's topic and the SQLite inventory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of any role (see README.md); repeatable. BBINV_* environment variables work too.")
    List<String> sets = new ArrayList<>();

    String sqliteUrl() {
        return "jdbc:sqlite:" + dataDir.resolve("inventory.db");
    }
}
