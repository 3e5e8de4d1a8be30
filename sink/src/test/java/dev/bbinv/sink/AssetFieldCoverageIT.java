package dev.bbinv.sink;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.sink.api.AssetJson;
import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.sink.mapping.AssetMapping;
import dev.bbinv.sink.testing.SchemaValues;

/**
 * Every field of the inventory schemas survives the sink: an asset with a distinct value in each field (generated
 * from the schema, not listed here) goes through {@link AssetMapping} and {@link InventoryWriter} into SQLite and
 * PostgreSQL, and each value must come back from the query API over HTTP and from both export formats. The tables
 * below say where each Avro field appears; a field added to the .avsc without an entry here fails, so it cannot be
 * forgotten in one of the copies (columns, record, JSON, CSV).
 */
class AssetFieldCoverageIT {
    private static final String CSV_SUMMARY = "the CSV is the one-row summary a spreadsheet reads; the JSONL export carries it";

    /** Avro path to JSON path in the API and the JSONL export ({@code []}: the one element of the array). */
    private static final Map<String, String> REPOSITORY_JSON = Map.ofEntries(
            entry("id", "id"), entry("name", "name"), entry("slug", "slug"), entry("fullName", "fullName"),
            entry("source.serviceType", "source.serviceType"), entry("source.baseUrl", "source.baseUrl"),
            entry("source.scopeKey", "source.scopeKey"), entry("source.scopeName", "source.scopeName"),
            entry("source.projectKey", "source.projectKey"), entry("source.projectName", "source.projectName"),
            entry("browseUrl", "browseUrl"), entry("cloneUrls[].name", "cloneUrls[].name"),
            entry("cloneUrls[].href", "cloneUrls[].href"), entry("defaultBranch", "defaultBranch"),
            entry("visibility", "visibility"), entry("archived", "archived"), entry("description", "description"),
            entry("createdAt", "createdAt"), entry("updatedAt", "updatedAt"),
            entry("languages[].name", "languages[].name"), entry("languages[].raw", "languages[].raw"),
            entry("languages[].source", "languages[].source"),
            entry("languages[].recognised", "languages[].recognised"),
            entry("appContext.catalogName", "appContext.catalogName"), entry("appContext.title", "appContext.title"),
            entry("appContext.category", "appContext.category"),
            entry("appContext.lifecycle", "appContext.lifecycle"), entry("appContext.owner", "appContext.owner"),
            entry("appContext.application", "appContext.application"),
            entry("appContext.filePath", "appContext.provenance.filePath"),
            entry("appContext.commit", "appContext.provenance.commit"),
            entry("appContext.error", "appContext.provenance.error"),
            entry("profiles[]", "profiles[]"), entry("removed", "removed"),
            entry("removedReasons[]", "removedReasons[]"), entry("removedAt", "removedAt"),
            entry("firstSeen", "firstSeen"), entry("lastSeen", "lastSeen"), entry("version", "version"),
            entry("lastCommitAt", "lastCommitAt"), entry("freshness", "freshness"),
            entry("developers[].username", "developers[].username"),
            entry("developers[].displayName", "developers[].displayName"),
            entry("developers[].email", "developers[].email"), entry("developers[].url", "developers[].url"),
            entry("developers[].userAssetId", "developers[].userAssetId"),
            entry("developers[].discoveredBy", "developers[].discoveredBy"),
            entry("developers[].commitCount", "developers[].commitCount"),
            entry("developers[].lastCommitAt", "developers[].lastCommitAt"), entry("assetClass", "class"),
            entry("classLocked", "classLocked"), entry("classSource", "classSource"),
            entry("tags[].key", "tags[].key"), entry("tags[].value", "tags[].value"),
            entry("tags[].source", "tags[].source"), entry("labels[].name", "labels[].name"),
            entry("labels[].source", "labels[].source"));

    /** Avro enum symbols the API and export show as words (Snyk's), by Avro path. */
    private static final Map<String, Map<String, String>> REPOSITORY_WORDS = Map.of(
            "freshness", Map.of("ACTIVE", "Active", "INACTIVE", "Inactive", "DORMANT", "Dormant", "NA", "N/A"));

    /** Avro fields not stored at all, with why. */
    private static final Map<String, String> REPOSITORY_NOT_STORED = Map.of(
            "type", "always 'repository' for this topic; the API writes the constant");

    /** Avro path to CSV column (arrays: the values joined by ';'). */
    private static final Map<String, String> REPOSITORY_CSV = Map.ofEntries(
            entry("id", "id"), entry("name", "name"), entry("fullName", "full_name"),
            entry("source.serviceType", "service_type"), entry("source.baseUrl", "base_url"),
            entry("source.scopeKey", "scope_key"), entry("source.projectKey", "project_key"),
            entry("visibility", "visibility"), entry("archived", "archived"),
            entry("defaultBranch", "default_branch"), entry("browseUrl", "browse_url"),
            entry("languages[].name", "languages"), entry("appContext.owner", "owner"),
            entry("appContext.application", "application"), entry("appContext.lifecycle", "lifecycle"),
            entry("appContext.category", "category"), entry("appContext.catalogName", "catalog_name"),
            entry("appContext.filePath", "catalog_file"), entry("appContext.commit", "catalog_commit"),
            entry("appContext.error", "catalog_error"), entry("profiles[]", "profiles"),
            entry("removed", "removed"), entry("removedReasons[]", "removed_reasons"),
            entry("removedAt", "removed_at"), entry("firstSeen", "first_seen"), entry("lastSeen", "last_seen"),
            entry("version", "version"), entry("lastCommitAt", "last_commit_at"), entry("freshness", "freshness"),
            entry("developers[].username", "developers"), entry("assetClass", "class"),
            entry("classLocked", "class_locked"), entry("classSource", "class_source"),
            entry("labels[].name", "labels"));

    private static final String TAGS_CELL = "in the tags column as key:value (InventoryDbContract checks the cell)";

    /** Avro fields the CSV leaves out on purpose, with why. */
    private static final Map<String, String> REPOSITORY_NOT_IN_CSV = Map.ofEntries(
            entry("type", "constant"), entry("slug", CSV_SUMMARY), entry("source.scopeName", CSV_SUMMARY),
            entry("source.projectName", CSV_SUMMARY), entry("cloneUrls[].name", CSV_SUMMARY),
            entry("cloneUrls[].href", CSV_SUMMARY), entry("description", CSV_SUMMARY),
            entry("createdAt", CSV_SUMMARY), entry("updatedAt", CSV_SUMMARY),
            entry("languages[].raw", CSV_SUMMARY), entry("languages[].source", CSV_SUMMARY),
            entry("languages[].recognised", CSV_SUMMARY), entry("appContext.title", CSV_SUMMARY),
            entry("developers[].displayName", "the developers column names each by username, else email, else name"),
            entry("developers[].email", CSV_SUMMARY), entry("developers[].url", CSV_SUMMARY),
            entry("developers[].userAssetId", CSV_SUMMARY), entry("developers[].discoveredBy", CSV_SUMMARY),
            entry("developers[].commitCount", CSV_SUMMARY), entry("developers[].lastCommitAt", CSV_SUMMARY),
            entry("tags[].key", TAGS_CELL), entry("tags[].value", TAGS_CELL), entry("tags[].source", CSV_SUMMARY),
            entry("labels[].source", CSV_SUMMARY));

    private static final Map<String, String> USER_JSON = Map.ofEntries(
            entry("id", "id"), entry("serviceType", "serviceType"), entry("baseUrl", "baseUrl"),
            entry("accountId", "accountId"), entry("username", "username"), entry("displayName", "displayName"),
            entry("email", "email"), entry("active", "active"), entry("userType", "userType"),
            entry("scopes[]", "scopes[]"), entry("profiles[]", "profiles[]"), entry("removed", "removed"),
            entry("removedReasons[]", "removedReasons[]"), entry("removedAt", "removedAt"),
            entry("firstSeen", "firstSeen"), entry("lastSeen", "lastSeen"), entry("version", "version"));

    private static final Map<String, String> USER_CSV = Map.ofEntries(
            entry("id", "id"), entry("serviceType", "service_type"), entry("baseUrl", "base_url"),
            entry("accountId", "account_id"), entry("username", "username"), entry("displayName", "display_name"),
            entry("email", "email"), entry("active", "active"), entry("userType", "user_type"),
            entry("scopes[]", "scopes"), entry("profiles[]", "profiles"), entry("removed", "removed"),
            entry("removedReasons[]", "removed_reasons"), entry("removedAt", "removed_at"),
            entry("firstSeen", "first_seen"), entry("lastSeen", "last_seen"), entry("version", "version"));

    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private InventoryApi api;

    private void start(String database) {
        db = database.equals("postgres") ? TestDatabases.postgresDatabase() : TestDatabases.sqlite();
        api = InventoryApi.start(db, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void everyRepositoryAssetFieldIsStoredAndReturnedByTheApiAndBothExports(String database) throws Exception {
        start(database);
        var generated = SchemaValues.of(RepositoryAsset.class, RepositoryAsset.getClassSchema());
        RepositoryAsset asset = generated.record();
        new InventoryWriter(db).apply(InventoryBatch.ofRepositories(
                List.of(AssetMapping.toRecord(asset.getId(), asset))), Instant.now());

        JsonNode fromApi = get("/repositories/" + URLEncoder.encode(asset.getId(), StandardCharsets.UTF_8));
        assertEquals("repository", fromApi.path("type").asText());
        String jsonl = export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.JSONL, true));
        String csv = export(new Exporter.Options(Exporter.Type.REPOSITORIES, Exporter.Format.CSV, true));

        assertCovered("RepositoryAsset", shownAsWords(generated.leaves()), REPOSITORY_JSON, REPOSITORY_NOT_STORED, REPOSITORY_CSV,
                REPOSITORY_NOT_IN_CSV, fromApi, jsonl, csv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void everyUserAssetFieldIsStoredAndReturnedByTheApiAndBothExports(String database) throws Exception {
        start(database);
        var generated = SchemaValues.of(UserAsset.class, UserAsset.getClassSchema());
        UserAsset asset = generated.record();
        new InventoryWriter(db).apply(InventoryBatch.ofUsers(
                List.of(AssetMapping.toRecord(asset.getId(), asset))), Instant.now());

        JsonNode fromApi = get("/users/" + URLEncoder.encode(asset.getId(), StandardCharsets.UTF_8));
        String jsonl = export(new Exporter.Options(Exporter.Type.USERS, Exporter.Format.JSONL, true));
        String csv = export(new Exporter.Options(Exporter.Type.USERS, Exporter.Format.CSV, true));

        assertCovered("UserAsset", generated.leaves(), USER_JSON, Map.of(), USER_CSV, Map.of(), fromApi, jsonl, csv);
    }

    /** The leaves with enum symbols replaced by the words the API and export show. */
    private static Map<String, String> shownAsWords(Map<String, String> leaves) {
        Map<String, String> out = new java.util.HashMap<>(leaves);
        REPOSITORY_WORDS.forEach((path, words) -> out.computeIfPresent(path, (p, symbol) -> words.get(symbol)));
        return out;
    }

    private static void assertCovered(String schema, Map<String, String> leaves, Map<String, String> json,
            Map<String, String> notStored, Map<String, String> csvColumns, Map<String, String> notInCsv,
            JsonNode fromApi, String jsonl, String csv) throws Exception {
        for (String path : new TreeSet<>(leaves.keySet())) {
            if (!json.containsKey(path) && !notStored.containsKey(path)) {
                fail("field " + path + " of " + schema + " is not mapped in the API/export/database: store it in "
                        + "the sink and add it to this test's JSON table, or list it as not stored with the reason");
            }
            if (!csvColumns.containsKey(path) && !notInCsv.containsKey(path)) {
                fail("field " + path + " of " + schema + " is not mapped in the CSV export: add a column and an "
                        + "entry in this test's CSV table, or list it as left out of the CSV with the reason");
            }
        }
        assertNoStaleEntries(schema, leaves.keySet(), json, notStored, csvColumns, notInCsv);

        JsonNode fromExport = AssetJson.MAPPER.readTree(jsonl.lines().findFirst().orElseThrow());
        assertEquals(1, jsonl.lines().count(), jsonl);
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size(), "a header and one row: " + csv);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String> row = Arrays.asList(lines.get(1).split(",", -1));
        assertEquals(header.size(), row.size(), csv);

        List<String> wrong = new ArrayList<>();
        leaves.forEach((path, expected) -> {
            String jsonPath = json.get(path);
            if (jsonPath != null) {
                check(wrong, "API " + jsonPath, expected, at(fromApi, jsonPath));
                check(wrong, "JSONL export " + jsonPath, expected, at(fromExport, jsonPath));
            }
            String column = csvColumns.get(path);
            if (column != null) {
                int i = header.indexOf(column);
                check(wrong, "CSV column " + column, expected, i < 0 ? null : row.get(i));
            }
        });
        assertTrue(wrong.isEmpty(), schema + " values lost on the way through the sink:\n" + String.join("\n", wrong));
    }

    private static void check(List<String> wrong, String where, String expected, String actual) {
        if (!expected.equals(actual)) {
            wrong.add(where + ": expected '" + expected + "', got '" + actual + "'");
        }
    }

    private static void assertNoStaleEntries(String schema, Set<String> leaves, Map<?, ?>... tables) {
        for (Map<?, ?> table : tables) {
            for (Object path : table.keySet()) {
                assertTrue(leaves.contains(path), "this test maps " + path + ", which " + schema + " no longer has");
            }
        }
    }

    /** The text at a dotted path; {@code x[]} is the one element of array {@code x}, which must have exactly one. */
    private static String at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) {
            if (part.endsWith("[]")) {
                n = n.path(part.substring(0, part.length() - 2));
                if (!n.isArray() || n.size() != 1) {
                    return "array of " + n.size() + ": " + n;
                }
                n = n.get(0);
            } else {
                n = n.path(part);
            }
        }
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.baseUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = AssetJson.MAPPER.readTree(response.body());
        assertNotNull(body);
        return body;
    }

    private String export(Exporter.Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, new Exporter(db).export(options, out));
        return out.toString(StandardCharsets.UTF_8);
    }
}
