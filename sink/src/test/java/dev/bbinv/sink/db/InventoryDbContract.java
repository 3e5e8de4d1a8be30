package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.Visibility;
import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.api.AssetJson;
import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.testing.Fixtures;

/**
 * The sink's database suite: writer, reader, query API and export against one real database. Run for SQLite and
 * for PostgreSQL by the subclasses, so both dialects meet the same expectations.
 */
abstract class InventoryDbContract {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    protected Database db;
    private InventoryWriter writer;
    private InventoryReader reader;
    private InventoryApi api;

    /** A new, migrated, empty database. */
    protected abstract Database newDatabase();

    @BeforeEach
    void setUp() {
        db = newDatabase();
        writer = new InventoryWriter(db);
        reader = new InventoryReader(db);
    }

    @AfterEach
    void tearDown() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void migrationsRunOnceAndRecordTheirVersion() {
        assertEquals(0, new Migrations(db).migrate(), "a second run finds nothing to do");
        assertEquals(Migrations.SCRIPTS.size(), new Migrations(db).currentVersion());
        assertEquals(Migrations.SCRIPTS.size(), SqlProbe.count(db, "schema_migrations"));
    }

    @Test
    void storesARepositoryWithAllItsChildRowsAndReadsItBackUnchanged() {
        RepositoryRecord repo = Fixtures.record(Fixtures.cloudRepository("{AB-1}", "web", 3)
                .setRemovedReasons(List.of("repo-deleted")).setRemoved(true).setRemovedAt(NOW).build());
        UserRecord user = Fixtures.record(Fixtures.user(7, 2).setScopes(List.of("acme", "beta")).setActive(null).build());

        writer.apply(new InventoryBatch(List.of(), List.of(repo), List.of(), List.of(user), List.of()), NOW);

        assertEquals(repo, reader.repository(repo.id()).orElseThrow());
        assertEquals(user, reader.user(user.id()).orElseThrow());
        assertEquals(2, SqlProbe.count(db, "repository_clone_urls"));
        assertEquals(1, SqlProbe.count(db, "repository_app_context"));
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOneNorItsChildRows() {
        RepositoryRecord v5 = Fixtures.record(Fixtures.repository(1, 5).setName("new-name")
                .setLanguages(List.of(Fixtures.language("Go", "golang", LanguageSource.MANUAL))).build());
        RepositoryRecord v4 = Fixtures.record(Fixtures.repository(1, 4).setName("old-name")
                .setProfiles(List.of("other")).setAppContext(null).build());
        UserRecord u9 = Fixtures.record(Fixtures.user(1, 9).setDisplayName("New").build());
        UserRecord u8 = Fixtures.record(Fixtures.user(1, 8).setDisplayName("Old").setScopes(List.of("x")).build());

        writer.apply(new InventoryBatch(List.of(), List.of(v5), List.of(), List.of(u9), List.of()), NOW);
        writer.apply(new InventoryBatch(List.of(), List.of(v4), List.of(), List.of(u8), List.of()), NOW);

        assertEquals(v5, reader.repository(v5.id()).orElseThrow());
        assertEquals(u9, reader.user(u9.id()).orElseThrow());
    }

    @Test
    void aNewerVersionReplacesTheRowAndAllItsChildRows() {
        RepositoryRecord v1 = Fixtures.record(Fixtures.repository(1, 1).build());
        RepositoryRecord v2 = Fixtures.record(Fixtures.repository(1, 2).setAppContext(null)
                .setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET),
                        Fixtures.language("C#", "csharp", LanguageSource.MANUAL)))
                .setCloneUrls(List.of()).setProfiles(List.of("a", "b")).build());

        writer.apply(InventoryBatch.ofRepositories(List.of(v1)), NOW);
        writer.apply(InventoryBatch.ofRepositories(List.of(v2)), NOW);

        assertEquals(v2, reader.repository(v1.id()).orElseThrow());
        assertEquals(0, SqlProbe.count(db, "repository_app_context"));
        assertEquals(0, SqlProbe.count(db, "repository_clone_urls"));
    }

    @Test
    void theSameVersionAgainIsAppliedSoAReplayedMappingFixReachesTheDatabase() {
        RepositoryRecord first = Fixtures.record(Fixtures.repository(1, 3).setDescription("before fix").build());
        RepositoryRecord fixed = Fixtures.record(Fixtures.repository(1, 3).setDescription("after fix").build());

        writer.apply(InventoryBatch.ofRepositories(List.of(first)), NOW);
        writer.apply(InventoryBatch.ofRepositories(List.of(fixed)), NOW);

        assertEquals("after fix", reader.repository(first.id()).orElseThrow().description());
    }

    @Test
    void aTombstoneForgetsTheAssetAndEveryRowOfIt() {
        RepositoryRecord repo = Fixtures.record(Fixtures.repository(1, 1).setRemovedReasons(List.of("r")).build());
        UserRecord user = Fixtures.record(Fixtures.user(1, 1).setScopes(List.of("s")).build());
        writer.apply(new InventoryBatch(List.of(), List.of(repo), List.of(), List.of(user), List.of()), NOW);

        writer.apply(new InventoryBatch(List.of(repo.id()), List.of(), List.of(user.id()), List.of(), List.of()), NOW);

        assertTrue(reader.repository(repo.id()).isEmpty());
        assertTrue(reader.user(user.id()).isEmpty());
        for (String table : List.of("repository_languages", "repository_app_context", "repository_clone_urls",
                "user_scopes", "asset_profiles", "asset_removed_reasons")) {
            assertEquals(0, SqlProbe.count(db, table), table);
        }
    }

    @Test
    void offsetsAreStoredWithTheRowsAndAFailedBatchStoresNeitherRowsNorOffsets() {
        RepositoryRecord good = Fixtures.record(Fixtures.repository(1, 1).build());
        writer.apply(new InventoryBatch(List.of(), List.of(good), List.of(), List.of(),
                List.of(new PartitionOffset("inventory.repositories", 0, 11))), NOW);
        RepositoryRecord other = Fixtures.record(Fixtures.repository(2, 1).build());
        RepositoryRecord broken = Fixtures.record(Fixtures.repository(3, 1).build());
        broken = new RepositoryRecord(broken.id(), null, null, null, broken.serviceType(), broken.baseUrl(),
                broken.scopeKey(), null, null, null, null, List.of(), null, "PRIVATE", false, null, null, null,
                List.of(), null, List.of(), false, List.of(), null, NOW, NOW, 1);

        InventoryBatch failing = new InventoryBatch(List.of(), List.of(other, broken), List.of(), List.of(),
                List.of(new PartitionOffset("inventory.repositories", 0, 20)));
        assertThrows(InventoryDbException.class, () -> writer.apply(failing, NOW));

        assertEquals(Map.of("inventory.repositories", Map.of(0, 11L)), reader.offsets(List.of("inventory.repositories")));
        assertTrue(reader.repository(other.id()).isEmpty(), "nothing of the failed batch is kept");
        assertEquals(1, SqlProbe.count(db, "repositories"));
    }

    @Test
    void aStoredOffsetNeverMovesBackwards() {
        writer.apply(new InventoryBatch(List.of(), List.of(), List.of(), List.of(),
                List.of(new PartitionOffset("inventory.users", 1, 40))), NOW);
        writer.apply(new InventoryBatch(List.of(), List.of(), List.of(), List.of(),
                List.of(new PartitionOffset("inventory.users", 1, 12))), NOW);
        assertEquals(Map.of("inventory.users", Map.of(1, 40L)), reader.offsets(List.of("inventory.users")));

        writer.apply(new InventoryBatch(List.of(), List.of(), List.of(), List.of(),
                List.of(new PartitionOffset("inventory.users", 1, 41))), NOW);
        assertEquals(Map.of("inventory.users", Map.of(1, 41L)), reader.offsets(List.of("inventory.users")));
    }

    @Test
    void theSameAssetTwiceInOneBatchKeepsTheLaterOfEqualVersionsAndTheHigherVersionWithItsChildRows() {
        RepositoryRecord first = Fixtures.record(Fixtures.repository(1, 3).setDescription("first").build());
        RepositoryRecord later = Fixtures.record(Fixtures.repository(1, 3).setDescription("later")
                .setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET))).build());
        RepositoryRecord newer = Fixtures.record(Fixtures.repository(2, 7).setName("newer").setAppContext(null).build());
        RepositoryRecord older = Fixtures.record(Fixtures.repository(2, 6).setName("older").build());
        UserRecord u1 = Fixtures.record(Fixtures.user(1, 2).setScopes(List.of("a")).build());
        UserRecord u2 = Fixtures.record(Fixtures.user(1, 2).setScopes(List.of("b", "c")).build());

        writer.apply(new InventoryBatch(List.of(), List.of(first, newer, later, older), List.of(),
                List.of(u1, u2), List.of()), NOW);

        assertEquals(later, reader.repository(later.id()).orElseThrow());
        assertEquals(newer, reader.repository(newer.id()).orElseThrow());
        assertEquals(u2, reader.user(u2.id()).orElseThrow());
        assertEquals(2, SqlProbe.count(db, "repository_languages"), "one language each, none doubled");
        assertEquals(2, SqlProbe.count(db, "user_scopes"));
    }

    @Test
    void anUpdateThenATombstoneInOnePollLeavesNothingAndATombstoneThenAnUpdateRecreates() {
        RepositoryRecord stored = Fixtures.record(Fixtures.repository(1, 1).build());
        RepositoryRecord recreatedBefore = Fixtures.record(Fixtures.repository(2, 1).build());
        writer.apply(InventoryBatch.ofRepositories(List.of(stored, recreatedBefore)), NOW);
        RepositoryRecord update = Fixtures.record(Fixtures.repository(1, 2).setDescription("updated").build());
        RepositoryRecord recreated = Fixtures.record(Fixtures.repository(2, 1).setDescription("again").build());

        writer.apply(dev.bbinv.sink.consume.BatchPlanner.plan(List.of(
                new dev.bbinv.sink.consume.Change.RepositoryUpsert("inventory.repositories", 0, 5, update),
                new dev.bbinv.sink.consume.Change.RepositoryDelete("inventory.repositories", 0, 6, update.id()),
                new dev.bbinv.sink.consume.Change.RepositoryDelete("inventory.repositories", 0, 7, recreated.id()),
                new dev.bbinv.sink.consume.Change.RepositoryUpsert("inventory.repositories", 0, 8, recreated))), NOW);

        assertTrue(reader.repository(update.id()).isEmpty(), "the tombstone after the update wins");
        assertEquals(recreated, reader.repository(recreated.id()).orElseThrow());
        assertEquals(1, SqlProbe.count(db, "repository_app_context"));
        assertEquals(Map.of("inventory.repositories", Map.of(0, 9L)), reader.offsets(List.of("inventory.repositories")));
    }

    @Test
    void aBatchLargerThanTheBoundParameterLimitIsWrittenWhole() {
        // 1,600 repositories x 22 columns and 2,500 users x 14 columns are each past SQLite's 32,766 parameters.
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= 1_600; i++) {
            repos.add(Fixtures.record(Fixtures.repository(i, 1).setProfiles(List.of("dc-main", "audit")).build()));
        }
        List<UserRecord> users = new ArrayList<>();
        for (int i = 1; i <= 2_500; i++) {
            users.add(Fixtures.record(Fixtures.user(i, 1).build()));
        }
        writer.apply(new InventoryBatch(List.of(), repos, List.of(), users, List.of()), NOW);
        List<RepositoryRecord> newer = repos.stream().map(r -> Fixtures.record(
                Fixtures.repository(Integer.parseInt(r.id().substring(r.id().lastIndexOf(':') + 1)), 2)
                        .setDescription("v2").setAppContext(null).build())).toList();
        writer.apply(InventoryBatch.ofRepositories(newer), NOW);

        assertEquals(1_600, SqlProbe.count(db, "repositories"));
        assertEquals(2_500, SqlProbe.count(db, "users"));
        assertEquals(1_600, SqlProbe.count(db, "repository_languages"));
        assertEquals(3_200, SqlProbe.count(db, "repository_clone_urls"));
        assertEquals(0, SqlProbe.count(db, "repository_app_context"), "every child row replaced by version 2");
        assertEquals(1_600 + 2_500, SqlProbe.count(db, "asset_profiles"));
        assertEquals(newer.get(1_599), reader.repository(newer.get(1_599).id()).orElseThrow());
        assertEquals(users.get(2_499), reader.user(users.get(2_499).id()).orElseThrow());

        writer.apply(new InventoryBatch(repos.stream().map(RepositoryRecord::id).toList(), List.of(),
                users.stream().map(UserRecord::id).toList(), List.of(), List.of()), NOW);
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, (long) Migrations.SCRIPTS.size(), 0L, 0L, 0L),
                SqlProbe.allCounts(db));
    }

    @Test
    void filtersCombineAndPagesAreStable() {
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            RepositoryAsset.Builder b = Fixtures.repository(i, 1).setName(String.format("svc-%02d", i));
            if (i % 2 == 0) {
                b.setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET)));
            }
            if (i % 3 == 0) {
                b.setAppContext(Fixtures.appContext("team-b", "billing", "experimental", "library"));
            }
            if (i == 5) {
                b.setVisibility(Visibility.PUBLIC).setProfiles(List.of("dc-main", "audit"));
            }
            if (i == 7) {
                b.setRemoved(true).setRemovedReasons(List.of("repo-deleted")).setRemovedAt(NOW);
            }
            if (i == 11) {
                b.setAppContext(null);
            }
            repos.add(Fixtures.record(b.build()));
        }
        writer.apply(InventoryBatch.ofRepositories(repos), NOW);

        assertEquals(List.of("svc-02", "svc-04", "svc-06", "svc-08", "svc-10", "svc-12"), names(q().language("go")));
        assertEquals(List.of("svc-03", "svc-06", "svc-09", "svc-12"), names(q().owner("TEAM-B")));
        assertEquals(List.of("svc-06", "svc-12"), names(q().language("Go").application("billing")));
        assertEquals(List.of("svc-03", "svc-06", "svc-09", "svc-12"), names(q().lifecycle("experimental")));
        assertEquals(List.of("svc-03", "svc-06", "svc-09", "svc-12"), names(q().category("library")));
        assertEquals(List.of("svc-05"), names(q().visibility("PUBLIC")));
        assertEquals(List.of("svc-05"), names(q().profile("audit")));
        assertEquals(List.of("svc-07"), names(q().removed(RemovedFilter.REMOVED_ONLY)));
        assertEquals(11, reader.repositories(q().build()).total());
        assertEquals(12, reader.repositories(q().removed(RemovedFilter.ANY).build()).total());
        assertEquals(List.of("svc-10", "svc-11", "svc-12"), names(q().name("VC-1")));
        assertEquals(List.of("svc-12", "svc-11", "svc-10"), names(q().sort(RepositorySort.NAME, true).limit(3)));
        assertEquals(List.of("svc-04", "svc-05"), names(q().limit(2).offset(3)));
        assertEquals(List.of(), names(q().name("%")), "a % in the name filter is a character, not a wildcard");
    }

    @Test
    void hostileFilterValuesAreBoundAsValuesAndLeaveTheDataIntact() {
        List<String> hostile = List.of("' OR '1'='1", "x'; DROP TABLE repositories; --", "\"; DELETE FROM users; --",
                "100%_sure", "O'Brien's repo", "数据-仓库 🚀", "a\\b", "--", ";");
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            repos.add(Fixtures.record(Fixtures.repository(i + 1, 1).setName(hostile.get(i))
                    .setLanguages(List.of(Fixtures.language(hostile.get(i), hostile.get(i), LanguageSource.MANUAL)))
                    .setAppContext(Fixtures.appContext(hostile.get(i), hostile.get(i), "production", "service"))
                    .setProfiles(List.of(hostile.get(i))).build()));
        }
        writer.apply(new InventoryBatch(List.of(), repos, List.of(),
                List.of(Fixtures.record(Fixtures.user(1, 1).build())), List.of()), NOW);
        List<Long> before = SqlProbe.allCounts(db);

        for (String value : hostile) {
            List<String> containing = hostile.stream().filter(h -> h.contains(value)).sorted().toList();
            assertEquals(containing, names(q().name(value)).stream().sorted().toList(), "name contains " + value);
            assertEquals(List.of(value), names(q().owner(value)), "owner " + value);
            assertEquals(List.of(value), names(q().language(value)), "language " + value);
            assertEquals(List.of(value), names(q().profile(value)), "profile " + value);
            assertEquals(List.of(value), names(q().application(value)), "application " + value);
        }
        assertEquals(List.of(), names(q().owner("nobody' OR 1=1 --")));

        assertEquals(before, SqlProbe.allCounts(db), "no table changed");
    }

    @Test
    void theApiAnswersBadInputWith400NamingWhatIsAllowed() throws Exception {
        startApi();
        assertBadRequest("/repositories?colour=red", "unknown parameter 'colour'; allowed: after, application, archived, before, category");
        assertBadRequest("/repositories?limit=0", "'limit' must be a whole number from 1 to 500");
        assertBadRequest("/repositories?limit=501", "'limit' must be a whole number from 1 to 500");
        assertBadRequest("/repositories?limit=ten", "'limit' must be a whole number from 1 to 500, got 'ten'");
        assertBadRequest("/repositories?offset=-1", "'offset' must be a whole number from 0");
        assertBadRequest("/repositories?sort=drop", "'sort' must be one of name, full_name, id");
        assertBadRequest("/repositories?visibility=internal", "'visibility' must be public or private");
        assertBadRequest("/repositories?removed=maybe", "'removed' must be true, false or any");
        assertBadRequest("/repositories?owner=a&owner=b", "'owner' is given more than once");
        assertBadRequest("/users?language=Java", "unknown parameter 'language'; allowed: after, before, limit, name, offset, profile, removed");
        assertBadRequest("/counts/colours", "counts are by languages, owners or lifecycles");
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(405, HTTP.send(HttpRequest.newBuilder(api.baseUri().resolve("/repositories"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theApiServesOneRepositoryByItsEncodedIdWithLanguagesAppContextAndProvenance() throws Exception {
        RepositoryRecord repo = Fixtures.record(Fixtures.repository(42, 3).build());
        writer.apply(InventoryBatch.ofRepositories(List.of(repo)), NOW);
        startApi();

        HttpResponse<String> found = get("/repositories/" + URLEncoder.encode(repo.id(), StandardCharsets.UTF_8));
        HttpResponse<String> missing = get("/repositories/" + URLEncoder.encode("server:https://x:1", StandardCharsets.UTF_8));

        assertEquals(200, found.statusCode());
        JsonNode body = AssetJson.MAPPER.readTree(found.body());
        assertEquals("server:https://bb.example.com:42", body.path("id").asText());
        assertEquals("Java", body.path("languages").path(0).path("name").asText());
        assertEquals("MANUAL", body.path("languages").path(0).path("source").asText());
        assertEquals("team-a", body.path("appContext").path("owner").asText());
        assertEquals("catalog-info.yaml", body.path("appContext").path("provenance").path("filePath").asText());
        assertEquals("0123456789abcdef0123456789abcdef01234567",
                body.path("appContext").path("provenance").path("commit").asText());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void theApiListsFiltersCountsAndAnswersHostileValuesOverHttp() throws Exception {
        writer.apply(new InventoryBatch(List.of(), List.of(
                Fixtures.record(Fixtures.repository(1, 1).setName("alpha").build()),
                Fixtures.record(Fixtures.repository(2, 1).setName("beta; DROP TABLE users; --")
                        .setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET)))
                        .setAppContext(Fixtures.appContext("team-ü", "app", "deprecated", "website")).build()),
                Fixtures.record(Fixtures.repository(3, 1).setName("gone").setRemoved(true).build())),
                List.of(), List.of(Fixtures.record(Fixtures.user(1, 1).build())), List.of()), NOW);
        startApi();
        List<Long> before = SqlProbe.allCounts(db);

        JsonNode all = json("/repositories?sort=-name");
        JsonNode hostile = json("/repositories?name=" + URLEncoder.encode("; DROP TABLE users; --", StandardCharsets.UTF_8));
        JsonNode owner = json("/repositories?owner=" + URLEncoder.encode("TEAM-ü", StandardCharsets.UTF_8));
        JsonNode quote = json("/repositories?owner=" + URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8));
        JsonNode languages = json("/counts/languages");
        JsonNode owners = json("/counts/owners?removed=any");
        JsonNode users = json("/users");

        assertEquals(2, all.path("total").asInt());
        assertEquals("beta; DROP TABLE users; --", all.path("items").path(0).path("name").asText());
        assertEquals(1, hostile.path("total").asInt());
        assertEquals(1, owner.path("total").asInt());
        assertEquals(0, quote.path("total").asInt());
        assertEquals("Go", languages.path("counts").path(0).path("value").asText());
        assertEquals(1, languages.path("counts").path(0).path("count").asInt());
        assertEquals("team-a", owners.path("counts").path(0).path("value").asText());
        assertEquals(2, owners.path("counts").path(0).path("count").asInt());
        assertEquals("user1", users.path("items").path(0).path("username").asText());
        assertEquals(before, SqlProbe.allCounts(db), "no table changed");
    }

    @Test
    void theExportHoldsExactlyWhatTheApiServesOneAssetPerLineOrderedById() throws Exception {
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            repos.add(Fixtures.record(Fixtures.repository(i, i).setDescription("line one\nline \"two\", with comma")
                    .setRemoved(i == 4).build()));
        }
        repos.add(Fixtures.record(Fixtures.cloudRepository("{C-1}", "cloudy", 1).build()));
        writer.apply(new InventoryBatch(List.of(), repos, List.of(),
                List.of(Fixtures.record(Fixtures.user(1, 1).build()), Fixtures.record(Fixtures.user(2, 1).build())),
                List.of()), NOW);
        startApi();

        String jsonl = export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.JSONL, false));
        String withRemoved = export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.JSONL, true));
        String csv = export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.CSV, false));
        String users = export(new Exporter.Options(Exporter.Type.USERS, Exporter.Format.CSV, false));

        List<String> lines = jsonl.lines().toList();
        assertEquals(7, lines.size());
        assertEquals(8, withRemoved.lines().count());
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode exported = AssetJson.MAPPER.readTree(line);
            String id = exported.path("id").asText();
            ids.add(id);
            assertEquals(json("/repositories/" + URLEncoder.encode(id, StandardCharsets.UTF_8)), exported);
            assertFalse(exported.path("removed").asBoolean());
        }
        assertEquals(ids.stream().sorted().toList(), ids, "ordered by id");
        JsonNode page = json("/repositories?sort=id&limit=500");
        List<String> apiIds = new ArrayList<>();
        page.path("items").forEach(n -> apiIds.add(n.path("id").asText()));
        assertEquals(apiIds, ids);
        assertTrue(csv.startsWith("id,name,full_name,"));
        assertEquals(8, csv.lines().count(), "header and seven rows (descriptions are not in the CSV)");
        assertEquals(3, users.lines().count());
    }

    @Test
    void facetsCountEachValueAmongTheRepositoriesTheOtherFiltersLeave() {
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            RepositoryAsset.Builder b = Fixtures.repository(i, 1);
            if (i % 2 == 0) {
                b.setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET)));
            }
            if (i == 3) {
                b.setArchived(true).setAppContext(Fixtures.appContext("team-b", "billing", "deprecated", "library"));
            }
            if (i == 6) {
                b.setRemoved(true).setRemovedReasons(List.of("repo-deleted"));
            }
            repos.add(Fixtures.record(b.build()));
        }
        repos.add(Fixtures.record(Fixtures.cloudRepository("{C-1}", "cloudy", 1).build()));
        writer.apply(InventoryBatch.ofRepositories(repos), NOW);

        Map<RepositoryFacet, List<ValueCount>> all = reader.facets(q().build(), 10);
        assertEquals(List.of(new ValueCount("Java", 3), new ValueCount("Go", 2), new ValueCount("Python", 1)),
                all.get(RepositoryFacet.LANGUAGE), "present repositories only, most first");
        assertEquals(List.of(new ValueCount("private", 5), new ValueCount("public", 1)), all.get(RepositoryFacet.VISIBILITY));
        assertEquals(List.of(new ValueCount("PROJ", 5), new ValueCount("acme", 1)), all.get(RepositoryFacet.SCOPE));
        assertEquals(List.of(new ValueCount("false", 5), new ValueCount("true", 1)), all.get(RepositoryFacet.ARCHIVED));
        assertEquals(List.of(new ValueCount("dc-main", 5), new ValueCount("cloud-acme", 1)), all.get(RepositoryFacet.PROFILE));
        assertEquals(List.of(new ValueCount("team-a", 5), new ValueCount("team-b", 1)), all.get(RepositoryFacet.OWNER));

        // Filtered by Go: the language facet still offers every language, the others count the Go repositories only
        Map<RepositoryFacet, List<ValueCount>> go = reader.facets(q().language("go").build(), 10);
        assertEquals(all.get(RepositoryFacet.LANGUAGE), go.get(RepositoryFacet.LANGUAGE));
        assertEquals(List.of(new ValueCount("team-a", 2)), go.get(RepositoryFacet.OWNER));
        assertEquals(List.of(new ValueCount("Java", 3)), reader.facets(q().build(), 1).get(RepositoryFacet.LANGUAGE), "top 1");
        assertEquals(List.of(new ValueCount("Go", 3), new ValueCount("Java", 3), new ValueCount("Python", 1)),
                reader.facets(q().removed(RemovedFilter.ANY).build(), 10).get(RepositoryFacet.LANGUAGE));

        // The workspace/project and archived filters of the listing
        assertEquals(List.of("cloudy"), names(q().scope("ACME")));
        assertEquals(List.of("repo-3"), names(q().archived(true)));
        assertEquals(4, reader.repositories(q().scope("proj").archived(false).build()).total());
        // Created: Cloud says when (the fixture: 2026), Data Center does not (null, last)
        assertEquals(List.of(new ValueCount(null, 5), new ValueCount("2026", 1)), all.get(RepositoryFacet.CREATED));
        assertEquals(List.of("cloudy"), names(q().created("2026")));
        assertEquals(List.of(), names(q().created("2025")));
        assertEquals(List.of("repo-3", "repo-5", "repo-4", "repo-2", "repo-1", "cloudy"),
                names(q().sort(RepositorySort.OWNER, true)), "by owner, then by id, both descending");
    }

    @Test
    void theDownloadOverHttpHoldsExactlyTheFilteredRepositories() throws Exception {
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            RepositoryAsset.Builder b = Fixtures.repository(i, 1);
            if (i % 3 == 0) {
                b.setLanguages(List.of(Fixtures.language("Go", "go", LanguageSource.BITBUCKET)));
            }
            repos.add(Fixtures.record(b.setRemoved(i == 9).build()));
        }
        writer.apply(InventoryBatch.ofRepositories(repos), NOW);
        startApi();

        HttpResponse<String> csv = get("/export/repositories?language=go&format=csv");
        HttpResponse<String> jsonl = get("/export/repositories?language=go&removed=any");

        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("repositories.csv"));
        assertEquals(List.of(String.join(",", List.of("id", "name", "full_name")), "server:https://bb.example.com:3,repo-3,PROJ/repo-3",
                "server:https://bb.example.com:6,repo-6,PROJ/repo-6"),
                csv.body().lines().map(l -> String.join(",", List.of(l.split(",")).subList(0, 3))).toList());
        List<String> ids = jsonlIds(jsonl.body());
        List<String> listed = new ArrayList<>();
        json("/repositories?language=go&removed=any&sort=id").path("items").forEach(n -> listed.add(n.path("id").asText()));
        assertEquals(listed, ids, "the JSONL download is the filtered listing, with removed ones when asked");
        assertEquals(3, ids.size());
        assertBadRequest("/export/repositories?format=xml", "parameter 'format' must be jsonl or csv");
        assertBadRequest("/export/repositories?limit=5", "unknown parameter 'limit'");
    }

    @Test
    void usersFilterByWorkspaceOrProjectAndCountPerWorkspaceOrProject() throws Exception {
        List<UserRecord> users = List.of(
                Fixtures.record(Fixtures.user(1, 1).setScopes(List.of("PLAT", "PAY")).build()),
                Fixtures.record(Fixtures.user(2, 1).setScopes(List.of("PLAT")).build()),
                Fixtures.record(Fixtures.user(3, 1).setScopes(List.of("PAY")).setRemoved(true).build()),
                Fixtures.record(Fixtures.user(4, 1).build()));
        writer.apply(InventoryBatch.ofUsers(users), NOW);
        startApi();

        JsonNode plat = json("/users?scope=plat");
        JsonNode payAny = json("/users?scope=PAY&removed=any");
        JsonNode counts = json("/facets/users");

        List<String> platUsers = new ArrayList<>();
        plat.path("items").forEach(u -> platUsers.add(u.path("username").asText()));
        assertEquals(List.of("user1", "user2"), platUsers, "case-insensitive, like the repository filters");
        assertEquals(2, payAny.path("total").asInt());
        assertEquals("[{\"value\":\"PLAT\",\"count\":2},{\"value\":\"PAY\",\"count\":1}]",
                counts.path("facets").path("scope").toString(), "present users only");
        assertEquals(2, json("/facets/users?removed=any").path("facets").path("scope").path(0).path("count").asInt());
    }

    @Test
    void usersCountPerProfileFromTheirOwnProfilesLeavingRemovedUsersOutUnlessAsked() throws Exception {
        // Given users seen by profiles, one of them removed, and a repository whose id is a user's, with profiles too
        List<UserRecord> users = List.of(
                Fixtures.record(Fixtures.user(1, 1).setProfiles(List.of("dc-main", "dc-backup")).build()),
                Fixtures.record(Fixtures.user(2, 1).setProfiles(List.of("dc-main")).build()),
                Fixtures.record(Fixtures.user(3, 1).setProfiles(List.of("dc-backup")).setScopes(List.of("PLAT"))
                        .setRemoved(true).build()),
                Fixtures.record(Fixtures.user(4, 1).setProfiles(List.of("dc-backup")).setRemoved(true).build()));
        RepositoryRecord repository = Fixtures.record(Fixtures.repository(1, 1)
                .setProfiles(List.of("dc-main", "repos-only")).build());
        assertEquals(users.get(0).id(), repository.id(), "the repository's profile rows share the user's asset id");
        writer.apply(new InventoryBatch(List.of(), List.of(repository), List.of(), users, List.of()), NOW);
        startApi();

        // When the user counts are asked for by default, with removed=any and with removed=true
        JsonNode present = json("/facets/users").path("facets");
        JsonNode any = json("/facets/users?removed=any").path("facets");
        JsonNode removedOnly = json("/facets/users?removed=true").path("facets");

        // Then each counts the users it leaves per profile, most first, from the users' profile rows only
        assertEquals("[{\"value\":\"dc-main\",\"count\":2},{\"value\":\"dc-backup\",\"count\":1}]",
                present.path("profile").toString(), "present users only; the repository's profiles are not a user's");
        assertEquals("[{\"value\":\"dc-backup\",\"count\":3},{\"value\":\"dc-main\",\"count\":2}]",
                any.path("profile").toString(), "removed users counted too");
        assertEquals("[{\"value\":\"dc-backup\",\"count\":2}]", removedOnly.path("profile").toString());
        assertEquals("[]", present.path("scope").toString(), "the only listed user is removed");
        assertEquals("[{\"value\":\"PLAT\",\"count\":1}]", any.path("scope").toString());
    }

    @Test
    void theUsersDownloadOverHttpHoldsExactlyTheFilteredUsers() throws Exception {
        List<UserRecord> users = List.of(
                Fixtures.record(Fixtures.user(1, 1).setScopes(List.of("PLAT", "PAY")).build()),
                Fixtures.record(Fixtures.user(2, 1).setScopes(List.of("PLAT")).build()),
                Fixtures.record(Fixtures.user(3, 1).setScopes(List.of("PLAT")).setRemoved(true).build()),
                Fixtures.record(Fixtures.user(4, 1).setScopes(List.of("PAY")).build()));
        writer.apply(InventoryBatch.ofUsers(users), NOW);
        startApi();

        HttpResponse<String> csv = get("/export/users?scope=plat&format=csv");
        HttpResponse<String> jsonl = get("/export/users?scope=PLAT&removed=any");
        HttpResponse<String> named = get("/export/users?name=user4");

        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("users.csv"));
        List<String> csvLines = csv.body().lines().toList();
        assertEquals("id", csvLines.get(0).split(",")[0], "the CSV starts with its header");
        assertEquals(List.of(users.get(0).id(), users.get(1).id()),
                csvLines.subList(1, csvLines.size()).stream().map(l -> l.split(",")[0]).toList(),
                "present users of PLAT only, by id");
        List<String> listed = new ArrayList<>();
        json("/users?scope=PLAT&removed=any").path("items").forEach(n -> listed.add(n.path("id").asText()));
        assertEquals(listed, jsonlIds(jsonl.body()), "the JSONL download is the filtered listing, with removed ones when asked");
        assertEquals(3, listed.size());
        assertEquals(1, named.body().lines().count(), named.body());
        assertTrue(named.headers().firstValue("Content-Disposition").orElse("").contains("users.jsonl"));
        assertBadRequest("/export/users?format=xml", "parameter 'format' must be jsonl or csv");
        assertBadRequest("/export/users?limit=5", "unknown parameter 'limit'");
    }

    /** The {@code id} of every line of a JSONL download. */
    private static List<String> jsonlIds(String body) {
        return body.lines().map(l -> {
            try {
                return AssetJson.MAPPER.readTree(l).path("id").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    @Test
    void anExportOfMoreThanTwoPagesHoldsEveryRowOfTheDatabaseOnceInOrder() throws Exception {
        // The exporter reads 500 ids at a time: 1,234 repositories and 1,100 users take three pages each.
        List<RepositoryRecord> repos = new ArrayList<>();
        for (int i = 1; i <= 1_234; i++) {
            repos.add(Fixtures.record(Fixtures.repository(i, i % 5 + 1).setRemoved(i % 7 == 0).build()));
        }
        List<UserRecord> users = new ArrayList<>();
        for (int i = 1; i <= 1_100; i++) {
            users.add(Fixtures.record(Fixtures.user(i, 1).setRemoved(i % 9 == 0).build()));
        }
        writer.apply(new InventoryBatch(List.of(), repos, List.of(), users, List.of()), NOW);

        List<List<String>> presentRepos = new ArrayList<>();
        List<List<String>> allRepos = new ArrayList<>();
        for (List<String> row : SqlProbe.rows(db, "SELECT id, name, version, removed FROM repositories ORDER BY id")) {
            allRepos.add(row.subList(0, 3));
            if (!List.of("true", "t", "1").contains(row.get(3))) {
                presentRepos.add(row.subList(0, 3));
            }
        }
        assertEquals(1_234 - 1_234 / 7, presentRepos.size());
        assertSameRows(presentRepos, exportedRows(Exporter.Type.REPOSITORIES, false, "name"));
        assertSameRows(allRepos, exportedRows(Exporter.Type.REPOSITORIES, true, "name"));

        List<List<String>> presentUsers = new ArrayList<>();
        for (List<String> row : SqlProbe.rows(db, "SELECT id, username, version, removed FROM users ORDER BY id")) {
            if (!List.of("true", "t", "1").contains(row.get(3))) {
                presentUsers.add(row.subList(0, 3));
            }
        }
        assertEquals(1_100 - 1_100 / 9, presentUsers.size());
        assertSameRows(presentUsers, exportedRows(Exporter.Type.USERS, false, "username"));

        String csv = export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.CSV, true));
        List<String> csvIds = csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertEquals(allRepos.size(), csvIds.size(), "CSV rows");
        assertEquals(allRepos.stream().map(r -> r.get(0)).toList(), csvIds);
    }

    private static void assertSameRows(List<List<String>> database, List<List<String>> exported) {
        assertEquals(database.size(), exported.size(), "rows exported");
        for (int i = 0; i < database.size(); i++) {
            assertEquals(database.get(i), exported.get(i), "row " + i);
        }
    }

    /** The exported JSON lines as (id, {@code field}, version) rows, in the order written. */
    private List<List<String>> exportedRows(Exporter.Type type, boolean includeRemoved, String field) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : export(new Exporter.Options(type, Exporter.Format.JSONL, includeRemoved)).lines().toList()) {
            JsonNode node = AssetJson.MAPPER.readTree(line);
            rows.add(List.of(node.path("id").asText(), node.path(field).asText(), node.path("version").asText()));
        }
        return rows;
    }

    private String export(Exporter.Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Exporter(db).export(options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void startApi() {
        api = InventoryApi.start(db, "127.0.0.1", 0);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), response.body());
        return AssetJson.MAPPER.readTree(response.body());
    }

    private void assertBadRequest(String pathAndQuery, String expectedMessagePart) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(400, response.statusCode(), pathAndQuery + " -> " + response.body());
        String message = AssetJson.MAPPER.readTree(response.body()).path("error").asText();
        assertTrue(message.contains(expectedMessagePart), pathAndQuery + ": " + message);
    }

    private List<String> names(QueryBuilder q) {
        return reader.repositories(q.build()).items().stream().map(RepositoryRecord::name).toList();
    }

    private static QueryBuilder q() {
        return new QueryBuilder();
    }

    /** Builds repository queries in tests without a twelve-argument constructor call each time. */
    static final class QueryBuilder {
        private String language;
        private String owner;
        private String application;
        private String lifecycle;
        private String category;
        private String visibility;
        private String profile;
        private RemovedFilter removed = RemovedFilter.PRESENT_ONLY;
        private String name;
        private RepositorySort sort = RepositorySort.NAME;
        private boolean descending;
        private int limit = 100;
        private int offset;
        private String scope;
        private Boolean archived;
        private String created;

        QueryBuilder language(String v) { language = v; return this; }
        QueryBuilder owner(String v) { owner = v; return this; }
        QueryBuilder application(String v) { application = v; return this; }
        QueryBuilder lifecycle(String v) { lifecycle = v; return this; }
        QueryBuilder category(String v) { category = v; return this; }
        QueryBuilder visibility(String v) { visibility = v; return this; }
        QueryBuilder profile(String v) { profile = v; return this; }
        QueryBuilder removed(RemovedFilter v) { removed = v; return this; }
        QueryBuilder name(String v) { name = v; return this; }
        QueryBuilder sort(RepositorySort v, boolean desc) { sort = v; descending = desc; return this; }
        QueryBuilder limit(int v) { limit = v; return this; }
        QueryBuilder offset(int v) { offset = v; return this; }
        QueryBuilder scope(String v) { scope = v; return this; }
        QueryBuilder archived(Boolean v) { archived = v; return this; }
        QueryBuilder created(String v) { created = v; return this; }

        RepositoryQuery build() {
            return new RepositoryQuery(language, owner, application, lifecycle, category, visibility, profile,
                    removed, name, sort, descending, limit, offset, null, scope, archived, created);
        }
    }
}
