package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetTag;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.api.AssetJson;
import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.mapping.AssetMapping;
import dev.bbinv.sink.testing.Fixtures;

/**
 * The asset attributes (freshness, class, developers, tags, labels) through one real database: the API's filters
 * and facets over HTTP, the CSV cells, and child rows replaced and deleted with their repository. Run for SQLite
 * and PostgreSQL by the subclasses.
 */
abstract class AssetAttributesDbContract {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    protected Database db;
    private InventoryWriter writer;
    private InventoryApi api;

    protected abstract Database newDatabase();

    @BeforeEach
    void setUp() {
        db = newDatabase();
        writer = new InventoryWriter(db);
        api = InventoryApi.start(db, "127.0.0.1", 0);
        // repo-1: Active, class A locked, ana + a committer without a Bitbucket account, tags platform:aws and tier:1
        // repo-2: Dormant, class B by policy, ana, tag platform:gcp, label Go
        // repo-3: defaults (N/A, D, nobody, nothing)
        write(Fixtures.repository(1, 1).setFreshness(Freshness.ACTIVE).setLastCommitAt(NOW.minusSeconds(3_600))
                .setAssetClass(AssetClass.A).setClassLocked(true).setClassSource("manual")
                .setDevelopers(List.of(developer("ana", "Ana@Example.com", 12), developer(null, "bob@example.com", 2)))
                .setTags(List.of(tag("platform", "aws", "manual"), tag("tier", "1", "policy:prod")))
                .setLabels(List.of(label("Java", "system"), label("Active", "system"))),
                Fixtures.repository(2, 1).setFreshness(Freshness.DORMANT).setLastCommitAt(NOW.minusSeconds(400L * 86_400))
                .setAssetClass(AssetClass.B).setClassSource("policy:prod")
                .setDevelopers(List.of(developer("ana", "ana@example.com", 1)))
                .setTags(List.of(tag("platform", "gcp", "manual"))).setLabels(List.of(label("Go", "system"))),
                Fixtures.repository(3, 1));
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void theApiFiltersByFreshnessClassDeveloperTagAndLabelInSnyksWords() throws Exception {
        assertEquals(List.of("repo-1"), names("freshness=active"));
        assertEquals(List.of("repo-2"), names("freshness=Dormant"));
        assertEquals(List.of("repo-3"), names("freshness=" + enc("N/A")));
        assertEquals(List.of(), names("freshness=inactive"));
        assertEquals(List.of("repo-2"), names("class=b"));
        assertEquals(List.of("repo-3"), names("class=D"));
        assertEquals(List.of("repo-1", "repo-2"), names("developer=ana"), "by username");
        assertEquals(List.of("repo-1"), names("developer=BOB@example.com"), "by email, any case");
        assertEquals(List.of("repo-1"), names("tag=" + enc("platform:AWS")));
        assertEquals(List.of("repo-1"), names("tag=" + enc("tier:1")));
        assertEquals(List.of(), names("tag=" + enc("platform:azure")));
        assertEquals(List.of("repo-2"), names("label=go"));
        assertEquals(List.of("repo-1"), names("label=java&class=A&developer=ana"), "filters combine");
    }

    @Test
    void theApiReturnsTheAttributesWithSnyksJsonNames() throws Exception {
        JsonNode r = json("/repositories?class=A").path("items").get(0);

        assertEquals("Active", r.path("freshness").asText());
        assertEquals("A", r.path("class").asText());
        assertTrue(r.path("classLocked").asBoolean());
        assertEquals("manual", r.path("classSource").asText());
        assertEquals("2026-11-28T11:00:00.000Z", r.path("lastCommitAt").asText());
        assertEquals(2, r.path("developers").size());
        assertEquals(12, r.path("developers").get(0).path("commitCount").asInt());
        assertEquals("policy:prod", r.path("tags").get(1).path("source").asText());
        assertEquals("Java", r.path("labels").get(0).path("name").asText());
        JsonNode none = json("/repositories?class=D").path("items").get(0);
        assertEquals("N/A", none.path("freshness").asText());
        assertTrue(none.path("lastCommitAt").isNull());
        assertEquals(0, none.path("developers").size() + none.path("tags").size() + none.path("labels").size());
    }

    @Test
    void facetsCountFreshnessClassTagsAndLabelsLeavingTheirOwnFilterOut() throws Exception {
        JsonNode all = json("/facets/repositories").path("facets");
        assertEquals("[{\"value\":\"Active\",\"count\":1},{\"value\":\"Dormant\",\"count\":1},{\"value\":\"N/A\",\"count\":1}]",
                all.path("freshness").toString());
        assertEquals("[{\"value\":\"A\",\"count\":1},{\"value\":\"B\",\"count\":1},{\"value\":\"D\",\"count\":1}]",
                all.path("class").toString());
        assertEquals("[{\"value\":\"platform:aws\",\"count\":1},{\"value\":\"platform:gcp\",\"count\":1},"
                + "{\"value\":\"tier:1\",\"count\":1}]", all.path("tag").toString());
        assertEquals("[{\"value\":\"Active\",\"count\":1},{\"value\":\"Go\",\"count\":1},{\"value\":\"Java\",\"count\":1}]",
                all.path("label").toString());

        JsonNode classB = json("/facets/repositories?class=B").path("facets");
        assertEquals(all.path("class"), classB.path("class"), "the class drop-down still offers every class");
        assertEquals("[{\"value\":\"Dormant\",\"count\":1}]", classB.path("freshness").toString());
        assertEquals("[{\"value\":\"platform:gcp\",\"count\":1}]", classB.path("tag").toString());
    }

    @Test
    void badAttributeFiltersAre400sSayingWhatIsAllowed() throws Exception {
        assertBadRequest("/repositories?freshness=stale", "must be Active, Inactive, Dormant or N/A");
        assertBadRequest("/repositories?class=E", "must be A, B, C or D");
        assertBadRequest("/repositories?tag=platform", "must be key:value with a non-empty key");
        assertBadRequest("/facets/repositories?tag=" + enc(":aws"), "must be key:value with a non-empty key");
        assertBadRequest("/export/repositories?class=AB", "must be A, B, C or D");
    }

    @Test
    void theCsvHasOneCellPerAttributeAndTheDownloadFiltersByThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Exporter(db).export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.CSV, false), out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> first = List.of(lines.get(1).split(",", -1));

        assertEquals("2026-11-28T11:00:00.000Z", first.get(header.indexOf("last_commit_at")));
        assertEquals("Active", first.get(header.indexOf("freshness")));
        assertEquals("ana;bob@example.com", first.get(header.indexOf("developers")));
        assertEquals("A", first.get(header.indexOf("class")));
        assertEquals("true", first.get(header.indexOf("class_locked")));
        assertEquals("manual", first.get(header.indexOf("class_source")));
        assertEquals("platform:aws;tier:1", first.get(header.indexOf("tags")));
        assertEquals("Java;Active", first.get(header.indexOf("labels")));
        assertEquals("N/A", List.of(lines.get(3).split(",", -1)).get(header.indexOf("freshness")));

        HttpResponse<String> download = get("/export/repositories?format=csv&tag=" + enc("platform:gcp"));
        assertEquals(200, download.statusCode(), download.body());
        assertEquals(2, download.body().lines().count(), "header and repo-2: " + download.body());
        assertTrue(download.body().lines().toList().get(1).contains("repo-2"));
    }

    @Test
    void developersTagsAndLabelsAreReplacedWithANewerVersionAndDeletedWithTheRepository() {
        RepositoryAsset v2 = Fixtures.repository(1, 2).setDevelopers(List.of(developer("cy", null, 1)))
                .setTags(List.of()).setLabels(List.of(label("Inactive", "system"))).build();
        writer.apply(InventoryBatch.ofRepositories(List.of(AssetMapping.toRecord(v2.getId(), v2))), NOW);
        InventoryReader reader = new InventoryReader(db);

        assertEquals(Fixtures.record(v2), reader.repository(v2.getId()).orElseThrow());
        assertEquals(List.of(List.of("cy"), List.of("ana")),
                SqlProbe.rows(db, "SELECT username FROM repository_developers ORDER BY repository_id"));
        assertEquals(1, SqlProbe.count(db, "repository_tags"), "repo-2's tag only");

        writer.apply(new InventoryBatch(List.of(v2.getId()), List.of(), List.of(), List.of(), List.of()), NOW);
        assertEquals(1, SqlProbe.count(db, "repository_developers"));
        assertEquals(1, SqlProbe.count(db, "repository_labels"));
        assertEquals(1, SqlProbe.count(db, "repository_tags"), "only repo-2's rows are left");
    }

    private void write(RepositoryAsset.Builder... builders) {
        List<RepositoryRecord> records = new ArrayList<>();
        for (RepositoryAsset.Builder b : builders) {
            RepositoryAsset a = b.build();
            records.add(AssetMapping.toRecord(a.getId(), a));
        }
        writer.apply(InventoryBatch.ofRepositories(records), NOW);
    }

    private static Developer developer(String username, String email, int commits) {
        return Developer.newBuilder().setUsername(username).setDisplayName(username == null ? "Bob" : username)
                .setEmail(email).setUrl(username == null ? null : "https://bitbucket.org/" + username)
                .setUserAssetId(username == null ? null : "cloud:{" + username + "}").setDiscoveredBy("dc-main")
                .setCommitCount(commits).setLastCommitAt(NOW.minusSeconds(3_600)).build();
    }

    private static AssetTag tag(String key, String value, String source) {
        return AssetTag.newBuilder().setKey(key).setValue(value).setSource(source).build();
    }

    private static AssetLabel label(String name, String source) {
        return AssetLabel.newBuilder().setName(name).setSource(source).build();
    }

    private List<String> names(String query) throws Exception {
        List<String> out = new ArrayList<>();
        json("/repositories?sort=name&" + query).path("items").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.baseUri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + " -> " + response.body());
        return AssetJson.MAPPER.readTree(response.body());
    }

    private void assertBadRequest(String pathAndQuery, String expected) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(400, response.statusCode(), pathAndQuery + " -> " + response.body());
        String message = AssetJson.MAPPER.readTree(response.body()).path("error").asText();
        assertTrue(message.contains(expected), pathAndQuery + ": " + message);
    }
}
