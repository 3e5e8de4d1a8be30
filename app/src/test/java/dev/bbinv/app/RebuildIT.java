package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bbinv.enricher.EnricherReset;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.enricher.languages.LanguageTagPublisher;
import dev.bbinv.schemas.RemovalReasons;
import dev.bbinv.ops.ConsumerLagReader;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.SinkRole;

/**
 * {@code bbinv rebuild} on a real broker: an estate's history (two profiles seeing the same repositories, a user in
 * two workspaces, a moved repository, a deleted profile, manual tags) goes through the live pipeline; the raw topics
 * are then compacted, and the rebuild from them, without Bitbucket, gives the same inventory asset for asset
 * (except lastSeen and version), with versions above what consumers held.
 */
class RebuildIT {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String R1 = "11111111-0000-0000-0000-000000000001";
    static final String R2 = "11111111-0000-0000-0000-000000000002";
    static final String R3 = "11111111-0000-0000-0000-000000000003";
    static final String R4 = "11111111-0000-0000-0000-000000000004";
    static final String R5 = "11111111-0000-0000-0000-000000000005";
    static final String U1 = "22222222-0000-0000-0000-000000000001";
    static final String U2 = "22222222-0000-0000-0000-000000000002";
    static final String U3 = "22222222-0000-0000-0000-000000000003";
    static final List<String> RAW = List.of(Topics.RAW_REPOSITORIES, Topics.RAW_USERS, Topics.RAW_CATALOG_FILES);

    static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void rebuildFromCompactedRawTopicsGivesTheLiveInventoryWithHigherVersions() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "rebuild");
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, 0, 0, 3)) {
            Map<String, Object> settings = settings(stack, dataDir);
            String jdbc = settings.get(Settings.JDBC_URL).toString();

            // Given the live pipeline has processed the estate's whole history
            try (SinkRole sink = SinkRole.start(settings); EnricherRole enricher = EnricherRole.start(settings)) {
                writeHistory(stack);
                awaitCaughtUp(settings, enricher.applicationId());
                // and a rebuild is refused while an enricher instance runs
                IllegalStateException running = assertThrows(IllegalStateException.class, () -> EnricherReset.reset(settings));
                assertTrue(running.getMessage().contains("still running"), running.getMessage());
            }
            Map<String, ObjectNode> liveRepos = InventorySnapshot.of(jdbc, Exporter.Type.REPOSITORIES);
            Map<String, ObjectNode> liveUsers = InventorySnapshot.of(jdbc, Exporter.Type.USERS);
            assertLiveStory(liveRepos, liveUsers);

            // When the raw topics are compacted and the inventory is rebuilt from them by the command
            for (String topic : RAW) {
                long[] counts = DirectCompaction.compact(stack.bootstrapServers(), topic);
                assertTrue(counts[1] < counts[0], topic + " lost nothing to compaction: " + counts[0]);
            }
            CliRun rebuild = CliRun.of("rebuild", "--data-dir", dataDir.toString(),
                    "--set", Settings.BOOTSTRAP + "=" + stack.bootstrapServers(),
                    "--set", Settings.REGISTRY + "=" + stack.registryUrl(), "--set", "commit.interval.ms=100");
            assertEquals(0, rebuild.exit(), rebuild.out());
            assertTrue(rebuild.out().contains("Rebuilt the inventory"), rebuild.out());

            // Then the inventory is the live one, asset for asset, and every asset was written again with a higher version
            Map<String, ObjectNode> rebuiltRepos = InventorySnapshot.of(jdbc, Exporter.Type.REPOSITORIES);
            Map<String, ObjectNode> rebuiltUsers = InventorySnapshot.of(jdbc, Exporter.Type.USERS);
            assertEquals(InventorySnapshot.withoutLastSeenAndVersion(liveRepos),
                    InventorySnapshot.withoutLastSeenAndVersion(rebuiltRepos));
            assertEquals(InventorySnapshot.withoutLastSeenAndVersion(liveUsers),
                    InventorySnapshot.withoutLastSeenAndVersion(rebuiltUsers));
            assertVersionsGrew(liveRepos, rebuiltRepos);
            assertVersionsGrew(liveUsers, rebuiltUsers);
        }
    }

    static Map<String, Object> settings(EmbeddedStack stack, Path dataDir) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
        settings.put(Settings.REGISTRY, stack.registryUrl());
        // What bbinv rebuild --data-dir takes by default, so that it rebuilds this very inventory.
        settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dataDir.resolve("inventory.db"));
        settings.put("state.dir", dataDir.resolve("streams").toString());
        settings.put("api.enabled", false);
        settings.put("commit.interval.ms", 100);
        return settings;
    }

    static void awaitCaughtUp(Map<String, Object> settings, String applicationId) throws InterruptedException {
        try (Admin admin = Admin.create(PipelineSettings.adminProperties(settings))) {
            ConsumerLagReader lags = new ConsumerLagReader(admin, Duration.ofSeconds(20));
            assertTrue(lags.awaitCaughtUp(applicationId,
                    List.of(Topics.RAW_REPOSITORIES, Topics.RAW_USERS, Topics.RAW_CATALOG_FILES, Topics.LANGUAGE_TAGS),
                    Duration.ofMinutes(2), Duration.ofMillis(200)), "enricher caught up");
            assertTrue(lags.awaitCaughtUp("bbinv-sink", List.of(Topics.REPOSITORIES, Topics.USERS),
                    Duration.ofMinutes(2), Duration.ofMillis(200)), "sink caught up");
        }
    }

    /** The history, in the order the connector would have published it. */
    static void writeHistory(EmbeddedStack stack) {
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(java.net.URI.create(stack.registryUrl()));
        try (RawHistory raw = new RawHistory(stack.bootstrapServers(), registry);
             LanguageTagPublisher tags = new LanguageTagPublisher(stack.bootstrapServers(), registry, Map.of())) {
            raw.repositorySeen("alpha", "ws-a", R1, "one", "first", t(1));
            raw.catalogFile("alpha", "ws-a", R1, "team-a", t(1));
            raw.repositorySeen("alpha", "ws-a", R2, "two", "second", t(1));
            raw.repositorySeen("alpha", "ws-a", R3, "three", "third", t(1));
            raw.repositorySeen("alpha", "ws-a", R5, "five", "fifth", t(1));
            raw.userSeen("alpha", "ws-a", U1, "Ann Lee", t(1));
            raw.userSeen("alpha", "ws-a", U2, "Bo Chen", t(1));
            raw.userSeen("alpha", "ws-a", U3, "Cy Dow", t(1));
            raw.repositorySeen("beta", "ws-a", R1, "one", "first", t(2));
            raw.catalogFile("beta", "ws-a", R1, "team-b", t(2));
            raw.repositorySeen("beta", "ws-a", R2, "two", "second", t(2));
            raw.repositorySeen("beta", "ws-a", R4, "four", "fourth", t(2));
            raw.userSeen("alpha", "ws-b", U1, "Ann Lee", t(2));
            raw.userSeen("beta", "ws-a", U2, "Bo Chen", t(2));
            tags.publish(new LanguageTagEvent(RawHistory.assetId(R2), List.of("go", "rust"), t(3), "test"));
            raw.repositorySeen("alpha", "ws-a", R3, "three", "third, changed", t(3));
            raw.repositoryRemoved("alpha", "ws-a", R5, RemovalReasons.REPO_DELETED, t(3));
            raw.repositorySeen("alpha", "ws-b", R3, "three", "third, moved", t(4)); // moved to ws-b
            raw.repositorySeen("alpha", "ws-a", R1, "one", "first, changed", t(5));
            raw.catalogFile("alpha", "ws-a", R1, "team-c", t(5));
            raw.userSeen("alpha", "ws-b", U1, "Ann Lee-Smith", t(5));
            raw.repositorySeen("beta", "ws-a", R1, "one", "first, changed", t(6));
            raw.userRemoved("alpha", "ws-a", U1, RemovalReasons.USER_REMOVED, t(6));
            raw.repositoryRemoved("alpha", "ws-a", R3, RemovalReasons.REPO_DELETED, t(7)); // gone from ws-a
            raw.userRemoved("alpha", "ws-a", U3, RemovalReasons.USER_REMOVED, t(7));
            assertEquals(4, raw.profileDeleted("beta", t(8))); // R1, R2, R4 and U2
            tags.publish(new LanguageTagEvent(RawHistory.assetId(R2), List.of("kotlin"), t(9), "test"));
            tags.publish(new LanguageTagEvent(RawHistory.assetId(R1), List.of("python"), t(9), "test"));
            // Later changes of sightings that already changed: what compaction collapses
            raw.repositorySeen("alpha", "ws-a", R1, "one", "first, changed again", t(10));
            raw.repositorySeen("alpha", "ws-b", R3, "three", "third, moved, changed", t(10));
            raw.userSeen("alpha", "ws-b", U1, "Ann Lee-Smith PhD", t(10));
        }
    }

    /** What the live run made of the history: the story the rebuild must reproduce. */
    static void assertLiveStory(Map<String, ObjectNode> repos, Map<String, ObjectNode> users) {
        ObjectNode r1 = repos.get(RawHistory.assetId(R1));
        assertEquals("[\"alpha\"]", r1.get("profiles").toString());
        assertEquals("team-c", r1.get("appContext").get("owner").asText());
        assertEquals(t(1), Instant.parse(r1.get("firstSeen").asText()));
        ObjectNode r3 = repos.get(RawHistory.assetId(R3));
        assertEquals("ws-b", r3.get("source").get("scopeKey").asText());
        assertEquals(false, r3.get("removed").asBoolean());
        assertEquals(t(1), Instant.parse(r3.get("firstSeen").asText()));
        ObjectNode r4 = repos.get(RawHistory.assetId(R4));
        assertEquals(true, r4.get("removed").asBoolean());
        assertEquals("[\"deleted-profile\"]", r4.get("removedReasons").toString());
        assertEquals(true, repos.get(RawHistory.assetId(R5)).get("removed").asBoolean());
        assertTrue(repos.get(RawHistory.assetId(R2)).get("languages").toString().contains("Kotlin"));
        assertEquals(5, repos.size());
        ObjectNode u1 = users.get(RawHistory.assetId(U1));
        assertEquals("Ann Lee-Smith PhD", u1.get("displayName").asText());
        assertEquals(false, u1.get("removed").asBoolean());
        assertEquals("[\"alpha\"]", users.get(RawHistory.assetId(U2)).get("profiles").toString());
        assertEquals(true, users.get(RawHistory.assetId(U3)).get("removed").asBoolean());
        assertEquals(3, users.size());
    }

    static void assertVersionsGrew(Map<String, ObjectNode> before, Map<String, ObjectNode> after) {
        before.forEach((id, asset) -> assertTrue(after.get(id).get("version").asLong() > asset.get("version").asLong(),
                id + ": version " + after.get(id).get("version") + " is not above " + asset.get("version")));
    }
}
