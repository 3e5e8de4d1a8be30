package dev.bbinv.app;

import static dev.bbinv.app.UpgradeFromReleaseIT.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.db.Database;

/** {@code bbinv demo --once} as a user runs it: the embedded stack, the simulator, a sync into SQLite; twice on one folder. */
class DemoIT {

    @Test
    void demoOnceSyncsEveryRepositoryAndASecondRunReusesTheDataFolder() throws Exception {
        Path dataDir = Files.createTempDirectory("demo").resolve("data");
        String[] args = {"demo", "--once", "--data-dir", dataDir.toString(), "--cloud-repos", "40", "--server-repos", "16"};

        String first = runCapturingStdout(args);
        assertTrue(first.contains("First sync complete."), first);
        assertTrue(first.contains("Inventory web page: http://127.0.0.1:"), "the page's address is printed: " + first);
        assertTrue(first.contains("repositories in the inventory: 56 ("), first);
        assertEquals(56, count(dataDir, "SELECT COUNT(*) FROM repositories"), "one row per simulated repository");
        long archived = count(dataDir, "SELECT COUNT(*) FROM repositories WHERE archived");
        assertTrue(archived > 0, "the Data Center estate has archived repositories");
        assertEquals(archived, count(dataDir, "SELECT COUNT(*) FROM repositories WHERE removed"),
                "only archived repositories are removed (repo-archived)");
        assertTrue(Files.exists(dataDir.resolve("kafka/kraft-logs/meta.properties")), "the broker keeps its data in the folder");

        assertExportMatchesTheApi(dataDir, 56);

        Map<String, String> firstSeen = rows(dataDir, "SELECT id, first_seen FROM repositories");
        assertEquals(56, firstSeen.size());
        Map<String, String> offsets = rows(dataDir,
                "SELECT topic || '-' || partition_id, next_offset FROM consumer_offsets");
        assertTrue(offsets.size() > 1, "the sink's offsets of more than one partition: " + offsets);
        String clusterId = clusterId(dataDir);
        // A row of our own between the runs: a second run that started from an empty database would lose it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("inventory.db"))) {
            c.createStatement().execute("CREATE TABLE demo_it_marker (note TEXT)");
            c.createStatement().execute("INSERT INTO demo_it_marker VALUES ('written between the runs')");
        }

        String second = runCapturingStdout(args);
        assertTrue(second.contains("repositories in the inventory: 56 (" + archived + " removed)"), second);
        assertEquals(56, count(dataDir, "SELECT COUNT(*) FROM repositories"));
        // It resumed rather than redid: the same broker, the same rows since their first sighting, offsets continued
        assertEquals(clusterId, clusterId(dataDir), "the same Kafka cluster, not a freshly formatted one");
        assertEquals(firstSeen, rows(dataDir, "SELECT id, first_seen FROM repositories"),
                "every repository keeps the first sighting of the first run");
        Map<String, String> after = rows(dataDir, "SELECT topic || '-' || partition_id, next_offset FROM consumer_offsets");
        assertTrue(after.keySet().containsAll(offsets.keySet()), after.toString());
        offsets.forEach((partition, offset) -> assertTrue(Long.parseLong(after.get(partition)) >= Long.parseLong(offset),
                partition + " went from " + offset + " back to " + after.get(partition)));
        assertEquals(Map.of("marker", "written between the runs"),
                rows(dataDir, "SELECT 'marker', note FROM demo_it_marker"), "the same database, not a new one");
        // ... and the connector went on from its checkpoints: Cloud listings read incrementally (only what changed),
        // no users listing read again within its complete-scan interval
        assertTrue(second.lines().anyMatch(l -> l.contains(": complete, incremental (")), second);
        assertEquals(List.of(), second.lines().filter(l -> l.startsWith("    users") && !l.contains("up to date"))
                .toList(), "every users listing was up to date:\n" + second);
        assertTrue(second.lines().filter(l -> l.startsWith("    users")).count() >= 2, second);
    }

    private static String clusterId(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve("kafka/kraft-logs/meta.properties")).stream()
                .filter(l -> l.startsWith("cluster.id=")).findFirst().orElseThrow();
    }

    /** `bbinv export --include-removed` of the demo estate holds exactly what the query API serves, line for line. */
    private static void assertExportMatchesTheApi(Path dataDir, int expected) throws Exception {
        String export = runCapturingStdout(new String[] {"export", "--include-removed", "--data-dir", dataDir.toString()});
        List<String> lines = export.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(expected, lines.size());
        Database db = Database.of("jdbc:sqlite:" + dataDir.resolve("inventory.db"), null, null);
        ObjectMapper json = new ObjectMapper();
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(api.baseUri() + "/repositories?removed=any&sort=id&limit=500")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            JsonNode items = json.readTree(page.body()).get("items");
            assertEquals(expected, items.size());
            for (int i = 0; i < expected; i++) {
                assertEquals(items.get(i), json.readTree(lines.get(i)), "line " + (i + 1) + " of the export");
            }
        }
    }

    private static String runCapturingStdout(String[] args) {
        CliRun run = CliRun.of(args);
        System.out.print(run.out());
        assertEquals(0, run.exit(), "bbinv " + args[0] + " exit code; output:\n" + run.out());
        return run.out();
    }

    private static long count(Path dataDir, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("inventory.db"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
