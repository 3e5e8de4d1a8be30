package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.sink.testing.Fixtures;

/**
 * The writer's statement shapes on both real databases (a single-row batch on SQLite, unnest arrays on PostgreSQL):
 * what a guarded upsert reports, child rows skipped for new assets but replaced for old ones, and the kept connection
 * opened again after the database dropped it.
 */
class WriterStatementsIT {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String HEAD = "INSERT INTO t (id, version, note, flag) VALUES ";
    private static final String TAIL = " ON CONFLICT (id) DO UPDATE SET version = excluded.version, note = excluded.note,"
            + " flag = excluded.flag WHERE excluded.version >= t.version";

    private record Row(String id, long version, String note, Boolean flag) {}

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("sqlite", (Supplier<Database>) TestDatabases::sqlite),
                Arguments.of("postgresql", (Supplier<Database>) TestDatabases::postgresDatabase));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aGuardedUpsertReportsTheRowsItWroteAndWhichOfThemWereThereBefore(String name, Supplier<Database> newDb)
            throws SQLException {
        Database db = newDb.get();
        try (Connection c = db.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id TEXT NOT NULL PRIMARY KEY, version BIGINT NOT NULL, note TEXT, flag BOOLEAN)");
                st.execute("INSERT INTO t VALUES ('a', 2, 'a2', TRUE), ('b', 5, 'b5', TRUE)");
            }
            c.setAutoCommit(false);
            List<Row> rows = List.of(new Row("a", 3, "a3", null), new Row("b", 4, "b4", false),
                    new Row("c", 1, null, true));

            MultiRowStatement.Upserted<Row> upserted = MultiRowStatement.upsert(c, db.dialect(), "t", HEAD, TAIL, 4,
                    rows, (r, p) -> p.string(r.id()).bigint(r.version()).string(r.note()).nullableBool(r.flag()),
                    "id", Row::id);
            c.commit();

            assertEquals(List.of(rows.get(0), rows.get(2)), upserted.written(), "b is older than the stored b");
            assertEquals(List.of(rows.get(0)), upserted.updated(), "c is new");
        }
        assertEquals(List.of(List.of("a", "3", "a3"), List.of("b", "5", "b5"), java.util.Arrays.asList("c", "1", null)),
                SqlProbe.rows(db, "SELECT id, version, note FROM t ORDER BY id"));
        assertEquals(List.of(List.of("1")), SqlProbe.rows(db, "SELECT COUNT(*) FROM t WHERE flag IS NULL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inOneBatchANewAssetGetsItsChildRowsAndAnUpdatedOneHasItsOldOnesReplaced(String name, Supplier<Database> newDb) {
        Database db = newDb.get();
        InventoryWriter writer = new InventoryWriter(db);
        RepositoryRecord old = Fixtures.record(Fixtures.repository(1, 1).setProfiles(List.of("p1", "p2"))
                .setRemovedReasons(List.of("r1")).build());
        writer.apply(InventoryBatch.ofRepositories(List.of(old)), NOW);
        RepositoryRecord updated = Fixtures.record(Fixtures.repository(1, 2).setAppContext(null).setCloneUrls(List.of())
                .setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.MANUAL))).setProfiles(List.of("p3"))
                .setRemovedReasons(List.of()).build());
        RepositoryRecord fresh = Fixtures.record(Fixtures.repository(2, 1).build());
        UserRecord user = Fixtures.record(Fixtures.user(1, 1).setScopes(List.of("s1", "s2")).build());
        UserRecord userAgain = Fixtures.record(Fixtures.user(1, 2).setScopes(List.of("s3")).build());
        writer.apply(InventoryBatch.ofUsers(List.of(user)), NOW);

        writer.apply(new InventoryBatch(List.of(), List.of(updated, fresh), List.of(), List.of(userAgain), List.of()), NOW);

        InventoryReader reader = new InventoryReader(db);
        assertEquals(updated, reader.repository(updated.id()).orElseThrow());
        assertEquals(fresh, reader.repository(fresh.id()).orElseThrow());
        assertEquals(userAgain, reader.user(userAgain.id()).orElseThrow());
        assertEquals(List.of(List.of("p3")), SqlProbe.rows(db, "SELECT profile FROM asset_profiles WHERE "
                + "asset_type = 'repository' AND asset_id = '" + updated.id() + "'"));
        assertEquals(List.of(List.of("0")), SqlProbe.rows(db, "SELECT COUNT(*) FROM asset_removed_reasons WHERE "
                + "asset_type = 'repository' AND asset_id = '" + updated.id() + "'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNewVersionLeavesUnchangedChildRowsInPlaceAndReplacesTheChangedOnes(String name, Supplier<Database> newDb) {
        Database db = newDb.get();
        InventoryWriter writer = new InventoryWriter(db);
        List<dev.bbinv.schemas.avro.AssetLanguage> languages = List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET),
                Fixtures.language("C#", "csharp", LanguageSource.MANUAL));
        RepositoryRecord v1 = Fixtures.record(Fixtures.repository(1, 1).setLanguages(languages)
                .setProfiles(List.of("p1")).build());
        // A second repository keeps the tables from emptying, so SQLite cannot hand a re-inserted row its old rowid.
        RepositoryRecord other = Fixtures.record(Fixtures.repository(2, 1).setLanguages(languages).build());
        writer.apply(InventoryBatch.ofRepositories(List.of(v1, other)), NOW);
        // The row's physical place: SQLite's rowid, PostgreSQL's ctid; a delete and insert of the same values moves it.
        String place = db.dialect() == Dialect.SQLITE ? "rowid" : "ctid";
        List<List<String>> languagesAt1 = SqlProbe.rows(db, "SELECT " + place + ", name FROM repository_languages "
                + "WHERE repository_id = '" + v1.id() + "' ORDER BY position");
        List<List<String>> profilesAt1 = SqlProbe.rows(db, "SELECT " + place + ", profile FROM asset_profiles WHERE asset_id = '"
                + v1.id() + "'");

        RepositoryRecord v2 = Fixtures.record(Fixtures.repository(1, 2).setLanguages(languages).setProfiles(List.of("p1"))
                .setDescription("new description").setAppContext(null).build());
        writer.apply(InventoryBatch.ofRepositories(List.of(v2)), NOW);

        assertEquals(v2, new InventoryReader(db).repository(v2.id()).orElseThrow());
        assertEquals(languagesAt1, SqlProbe.rows(db, "SELECT " + place + ", name FROM repository_languages WHERE repository_id = '"
                + v1.id() + "' ORDER BY position"),
                "unchanged languages are not deleted and inserted again");
        assertEquals(profilesAt1, SqlProbe.rows(db, "SELECT " + place + ", profile FROM asset_profiles WHERE asset_id = '"
                + v1.id() + "'"));
        assertEquals(1, SqlProbe.count(db, "repository_app_context"), "v1's removed app context is gone, other's stays");

        RepositoryRecord v3 = Fixtures.record(Fixtures.repository(1, 3)
                .setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.MANUAL))).setProfiles(List.of("p1", "p2"))
                .build());
        writer.apply(InventoryBatch.ofRepositories(List.of(v3)), NOW);

        assertEquals(v3, new InventoryReader(db).repository(v3.id()).orElseThrow(), "changed child rows are replaced");
        assertEquals(3, SqlProbe.count(db, "repository_languages"), "one of v3, two of the other");
        assertEquals(2, SqlProbe.count(db, "repository_app_context"), "an app context again");
    }

    static Stream<Arguments> batchesOnADroppedConnection() {
        return Stream.of(
                Arguments.of("a batch of assets", (Supplier<InventoryBatch>) () -> InventoryBatch.ofRepositories(
                        List.of(Fixtures.record(Fixtures.repository(2, 1).build())))),
                // The idle loop's batch: only offsets, so its first statement is a JDBC batch
                Arguments.of("a batch of offsets only", (Supplier<InventoryBatch>) () -> new InventoryBatch(List.of(),
                        List.of(), List.of(), List.of(), List.of(new PartitionOffset("inventory.repositories", 0, 42)))));
    }

    /**
     * PostgreSQL only (a server can end the writer's session; SQLite has none): the write on the dropped kept
     * connection fails as a database failure to retry, and the next try is written on a new connection.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batchesOnADroppedConnection")
    void theWriterKeepsItsConnectionAndOpensANewOneAfterTheDatabaseDroppedIt(String what, Supplier<InventoryBatch> batch)
            throws SQLException {
        Database db = TestDatabases.postgresDatabase();
        // No idle check here: the write must meet the dropped connection itself
        InventoryWriter writer = new InventoryWriter(db, java.time.Duration.ofHours(1));
        writer.apply(InventoryBatch.ofRepositories(List.of(Fixtures.record(Fixtures.repository(1, 1).build()))), NOW);

        dropOtherConnections(db);
        assertThrows(InventoryDbException.class, () -> writer.apply(batch.get(), NOW), "the kept connection is gone");
        writer.apply(batch.get(), NOW);

        InventoryReader reader = new InventoryReader(db);
        assertEquals(batch.get().repositories().size() + 1, SqlProbe.count(db, "repositories"),
                "the batch after the failure is written on a new connection");
        assertEquals(batch.get().offsets().isEmpty() ? null : 42L,
                reader.offsets(List.of("inventory.repositories")).getOrDefault("inventory.repositories",
                        java.util.Map.of()).get(0));
        writer.close();
    }

    /** SQLite: a batch bigger than the default 1,000-page WAL no longer pays a checkpoint at its commit. */
    @Test
    void aSqliteBatchLargerThanTheDefaultCheckpointStaysInTheWalUntilTheWriterCloses() throws Exception {
        String url = TestDatabases.sqliteUrl();
        Database db = Database.openAndMigrate(url, null, null);
        java.nio.file.Path file = java.nio.file.Path.of(url.substring("jdbc:sqlite:".length()));
        long migrated = java.nio.file.Files.size(file);
        List<RepositoryRecord> repos = new java.util.ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            repos.add(Fixtures.record(Fixtures.repository(i, 1).build()));
        }
        InventoryWriter writer = new InventoryWriter(db);

        writer.apply(InventoryBatch.ofRepositories(repos), NOW);

        long wal = java.nio.file.Files.size(file.resolveSibling(file.getFileName() + "-wal"));
        assertTrue(wal > 4L * 1024 * 1024, "the batch is bigger than 1,000 pages: " + wal);
        assertEquals(migrated, java.nio.file.Files.size(file), "no checkpoint copied it into the file yet");
        writer.close();
        assertEquals(6_000, SqlProbe.count(db, "repositories"));
    }

    private static void dropOtherConnections(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid()");
        }
    }
}
