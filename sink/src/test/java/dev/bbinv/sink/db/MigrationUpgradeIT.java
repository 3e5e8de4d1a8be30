package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * An inventory written by the release before the asset attributes is upgraded in place: its rows stay as they were,
 * the new fields read as their defaults, and the upgraded database takes the new fields. The input,
 * {@code inventory-release-0.1.db}, was written by that release's own sink code ({@code MakeReleaseInventory.java.txt}
 * next to it, run against main's sink classes before issue 12); PostgreSQL gets the same rows copied into a database
 * built with the release's migrations only.
 */
class MigrationUpgradeIT {
    private static final String RELEASE_FILE = "/dev/bbinv/sink/db/inventory-release-0.1.db";
    private static final List<String> RELEASE_SCRIPTS = List.of("V1__inventory.sql");
    private static final List<String> V1_TABLES = List.of("repositories", "repository_languages",
            "repository_app_context", "repository_clone_urls", "users", "user_scopes", "asset_profiles",
            "asset_removed_reasons", "consumer_offsets");
    private static final String WEB = "cloud:{11111111-1111-1111-1111-111111111111}";
    private static final String LEGACY = "server:https://bb.example.com:7";
    private static final Instant T = Instant.parse("2026-11-01T10:00:00.123Z");

    @Test
    void aReleaseSqliteInventoryIsUpgradedInPlaceKeepingEveryRow() throws Exception {
        Database db = Database.of("jdbc:sqlite:" + copyOfReleaseFile(), null, null);
        assertEquals(1, new Migrations(db).currentVersion(), "the file is at the release's schema");

        assertUpgradedInPlace(db);
    }

    @Test
    void aReleasePostgresInventoryIsUpgradedInPlaceKeepingEveryRow() throws Exception {
        Database release = Database.of("jdbc:sqlite:" + copyOfReleaseFile(), null, null);
        Database db = Database.of(TestDatabases.postgresUrl(), "postgres", null);
        new Migrations(db, RELEASE_SCRIPTS).migrate();
        copyRows(release, db);

        assertUpgradedInPlace(db);
    }

    private static void assertUpgradedInPlace(Database db) {
        InventoryReader reader = new InventoryReader(db);
        List<Long> before = v1Counts(db);

        assertEquals(Migrations.SCRIPTS.size() - 1, new Migrations(db).migrate(), "only the new migrations run");

        assertEquals(Migrations.SCRIPTS.size(), new Migrations(db).currentVersion());
        assertEquals(before, v1Counts(db), "no row of the release's tables gained or lost");
        assertEquals(List.of(2L, 1L, 1L, 1L, 1L, 1L, 3L, 1L, 1L), before);
        RepositoryRecord web = reader.repository(WEB).orElseThrow();
        assertEquals(new RepositoryRecord(WEB, "web", "web", "acme/web", "CLOUD", "https://api.bitbucket.org/2.0",
                "acme", "Acme", "PRJ", "Project", "https://bitbucket.org/acme/web",
                List.of(new RepositoryRecord.CloneUrl("https", "https://bitbucket.org/acme/web.git")), "main",
                "PRIVATE", false, "the web shop", T.minusSeconds(86_400), T,
                List.of(new RepositoryRecord.Language("Java", "java", "BITBUCKET", true)),
                new RepositoryRecord.AppContext("web", "Web", "service", "production", "team-web", "shop",
                        "catalog-info.yaml", "0123456789abcdef0123456789abcdef01234567", null),
                List.of("cloud-acme"), false, List.of(), null, T, T.plusSeconds(60), 3), web);
        assertEquals(RepositoryRecord.Attributes.NONE, web.attributes(), "new fields at the schema's defaults");
        RepositoryRecord legacy = reader.repository(LEGACY).orElseThrow();
        assertEquals(List.of("repo-deleted"), legacy.removedReasons());
        assertTrue(legacy.archived() && legacy.removed());
        assertEquals(RepositoryRecord.Attributes.NONE, legacy.attributes());
        assertEquals("ana", reader.user("cloud:{22222222-2222-2222-2222-222222222222}").orElseThrow().username());
        assertEquals(Map.of(0, 42L), reader.offsets(List.of("inventory.repositories")).get("inventory.repositories"));
        assertEquals(1, reader.repositories(query("N/A", "D")).total(), "the defaults answer the new filters");

        // The upgraded inventory takes the new fields, and a newer version of an old row replaces it as before.
        RepositoryRecord.Attributes set = new RepositoryRecord.Attributes(T, "ACTIVE",
                List.of(new RepositoryRecord.Developer("ana", "Ana", "ana@example.com", null, null, "cloud-acme", 4, T)),
                "A", true, "manual", List.of(new RepositoryRecord.Tag("platform", "aws", "manual")),
                List.of(new RepositoryRecord.Label("Java", "system")));
        RepositoryRecord v4 = new RepositoryRecord(web.id(), web.name(), web.slug(), web.fullName(), web.serviceType(),
                web.baseUrl(), web.scopeKey(), web.scopeName(), web.projectKey(), web.projectName(), web.browseUrl(),
                web.cloneUrls(), web.defaultBranch(), web.visibility(), web.archived(), web.description(),
                web.createdAt(), web.updatedAt(), web.languages(), web.appContext(), web.profiles(), web.removed(),
                web.removedReasons(), web.removedAt(), web.firstSeen(), web.lastSeen(), 4, set);
        new InventoryWriter(db).apply(InventoryBatch.ofRepositories(List.of(v4)), T);
        assertEquals(v4, reader.repository(WEB).orElseThrow());
        assertEquals(1, reader.repositories(query("Active", "A")).total());
    }

    private static RepositoryQuery query(String freshness, String assetClass) {
        String symbol = dev.bbinv.sink.api.FreshnessWords.symbol(freshness);
        return new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.PRESENT_ONLY, null,
                RepositorySort.ID, false, 10, 0, null, null, null, null, symbol, assetClass, null, null, null);
    }

    private static List<Long> v1Counts(Database db) {
        return V1_TABLES.stream().map(t -> SqlProbe.count(db, t)).toList();
    }

    private static Path copyOfReleaseFile() throws IOException {
        Path file = Files.createTempDirectory("release-inventory-").resolve("inventory.db");
        try (InputStream in = MigrationUpgradeIT.class.getResourceAsStream(RELEASE_FILE)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Every row of the release's tables, as stored, into the same tables of {@code to}; booleans as booleans. */
    private static void copyRows(Database from, Database to) throws SQLException {
        try (Connection src = from.connect(); Connection dst = to.connect()) {
            for (String table : V1_TABLES) {
                try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table);
                     Statement probe = dst.createStatement();
                     ResultSet target = probe.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                    ResultSetMetaData columns = rs.getMetaData();
                    int n = columns.getColumnCount();
                    StringBuilder names = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        names.append(i > 1 ? ", " : "").append(columns.getColumnName(i));
                    }
                    try (PreparedStatement insert = dst.prepareStatement("INSERT INTO " + table + " (" + names
                            + ") VALUES (" + MultiRowStatement.marks(n) + ")")) {
                        while (rs.next()) {
                            for (int i = 1; i <= n; i++) {
                                Object v = rs.getObject(i);
                                int type = target.getMetaData().getColumnType(target.findColumn(columns.getColumnName(i)));
                                boolean bool = type == Types.BOOLEAN || type == Types.BIT;
                                insert.setObject(i, bool && v instanceof Number x ? (Object) (x.intValue() != 0) : v);
                            }
                            insert.executeUpdate();
                        }
                    }
                }
            }
        }
    }
}
