package dev.bbinv.app;

import static dev.bbinv.app.RebuildIT.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.enricher.languages.LanguageTagPublisher;
import dev.bbinv.schemas.RemovalReasons;
import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.SinkRole;

/**
 * The upgrade path: a data folder whose raw topics, enricher state and inventory were written by the release before
 * the sighting-key contract (raw keys = asset ids) is run by this release with nothing to migrate: it reads both key
 * versions, writes its own events on the partition of each asset's earlier ones, keeps the assets it had, and a
 * rebuild from the mixed topics gives the same inventory.
 */
class UpgradeFromV1IT {
    static final String R1 = RebuildIT.R1;
    static final String R2 = RebuildIT.R2;
    static final String U1 = RebuildIT.U1;

    @Test
    void aDataFolderOfTheCurrentReleaseIsRunAndRebuiltByThisOne() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "upgrade");
        // Given a data folder written the current release's way: raw events keyed by asset id, processed into an inventory
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, 0, 0, 3)) {
            Map<String, Object> settings = RebuildIT.settings(stack, dataDir);
            SchemaRegistryClient registry = new HttpSchemaRegistryClient(URI.create(stack.registryUrl()));
            try (SinkRole sink = SinkRole.start(settings); EnricherRole enricher = EnricherRole.start(settings);
                 V1RawWriter v1 = new V1RawWriter(stack.bootstrapServers(), registry);
                 LanguageTagPublisher tags = new LanguageTagPublisher(stack.bootstrapServers(), registry, Map.of())) {
                v1.send(Topics.RAW_REPOSITORIES, RawHistory.assetId(R1), RawHistory.repositoryEvent("alpha", "ws-a", R1, "one", "first", t(1)));
                v1.send(Topics.RAW_CATALOG_FILES, RawHistory.assetId(R1), RawHistory.catalogEvent("alpha", "ws-a", R1, "team-a", t(1)));
                v1.send(Topics.RAW_REPOSITORIES, RawHistory.assetId(R2), RawHistory.repositoryEvent("alpha", "ws-a", R2, "two", "second", t(1)));
                v1.send(Topics.RAW_REPOSITORIES, RawHistory.assetId(R2), RawHistory.repositoryEvent("beta", "ws-a", R2, "two", "second", t(2)));
                v1.send(Topics.RAW_USERS, RawHistory.assetId(U1), RawHistory.userEvent("alpha", "ws-a", U1, "Ann Lee", t(1)));
                tags.publish(new LanguageTagEvent(RawHistory.assetId(R1), List.of("go"), t(2), "test"));
                RebuildIT.awaitCaughtUp(settings, enricher.applicationId());
            }
        }
        Map<String, ObjectNode> before = InventorySnapshot.of("jdbc:sqlite:" + dataDir.resolve("inventory.db"), Exporter.Type.REPOSITORIES);
        assertEquals("[\"alpha\",\"beta\"]", before.get(RawHistory.assetId(R2)).get("profiles").toString());

        // When this release starts on the same folder and its connector publishes new events of the same assets
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir, 0, 0, 3)) {
            Map<String, Object> settings = RebuildIT.settings(stack, dataDir);
            String jdbc = settings.get(Settings.JDBC_URL).toString();
            SchemaRegistryClient registry = new HttpSchemaRegistryClient(URI.create(stack.registryUrl()));
            try (SinkRole sink = SinkRole.start(settings); EnricherRole enricher = EnricherRole.start(settings);
                 RawHistory raw = new RawHistory(stack.bootstrapServers(), registry)) {
                raw.repositorySeen("alpha", "ws-a", R1, "one", "first, changed", t(5));
                raw.repositorySeen("gamma", "ws-a", R1, "one", "first, changed", t(5));
                raw.repositoryRemoved("beta", "ws-a", R2, RemovalReasons.DELETED_PROFILE, t(6));
                raw.userSeen("alpha", "ws-b", U1, "Ann Lee", t(6));
                RebuildIT.awaitCaughtUp(settings, enricher.applicationId());
            }

            // Then every asset's events, old keys and new, are on one partition, so they are read in order
            assertOnePartitionPerAsset(stack.bootstrapServers(), registry, Topics.RAW_REPOSITORIES, 2, 3);
            assertOnePartitionPerAsset(stack.bootstrapServers(), registry, Topics.RAW_USERS, 1, 1);
            // and the assets carry the old history and the new events together
            Map<String, ObjectNode> repos = InventorySnapshot.of(jdbc, Exporter.Type.REPOSITORIES);
            ObjectNode r1 = repos.get(RawHistory.assetId(R1));
            assertEquals("[\"alpha\",\"gamma\"]", r1.get("profiles").toString());
            assertEquals("first, changed", r1.get("description").asText());
            assertEquals(t(1), Instant.parse(r1.get("firstSeen").asText()));
            assertEquals("team-a", r1.get("appContext").get("owner").asText());
            assertTrue(r1.get("languages").toString().contains("\"Go\""), r1.get("languages").toString());
            assertEquals("[\"alpha\"]", repos.get(RawHistory.assetId(R2)).get("profiles").toString());
            Map<String, ObjectNode> users = InventorySnapshot.of(jdbc, Exporter.Type.USERS);
            assertFalse(users.get(RawHistory.assetId(U1)).get("removed").asBoolean());

            // and a rebuild from the mixed topics gives the same inventory
            CliRun rebuild = CliRun.of("rebuild", "--data-dir", dataDir.toString(),
                    "--set", Settings.BOOTSTRAP + "=" + stack.bootstrapServers(),
                    "--set", Settings.REGISTRY + "=" + stack.registryUrl(), "--set", "commit.interval.ms=100");
            assertEquals(0, rebuild.exit(), rebuild.out());
            assertEquals(InventorySnapshot.withoutLastSeenAndVersion(repos),
                    InventorySnapshot.withoutLastSeenAndVersion(InventorySnapshot.of(jdbc, Exporter.Type.REPOSITORIES)));
            assertEquals(InventorySnapshot.withoutLastSeenAndVersion(users),
                    InventorySnapshot.withoutLastSeenAndVersion(InventorySnapshot.of(jdbc, Exporter.Type.USERS)));
        }
    }

    /** Each asset's records, with version-1 and sighting keys, are on exactly one partition. */
    private static void assertOnePartitionPerAsset(String bootstrap, SchemaRegistryClient registry, String topic,
            int assets, int sightingKeyed) {
        Map<String, Set<Integer>> partitions = new HashMap<>();
        int sightings = 0;
        for (ConsumerRecord<String, byte[]> r : RawTopic.read(bootstrap, topic, AvroSerdes.keyDeserializer(registry))) {
            partitions.computeIfAbsent(SightingKeys.assetId(r.key()), k -> new HashSet<>()).add(r.partition());
            if (SightingKeys.isSightingKey(r.key())) {
                sightings++;
            }
        }
        assertEquals(assets, partitions.size(), topic + ": " + partitions);
        assertEquals(sightingKeyed, sightings, topic + " records with sighting keys");
        partitions.forEach((asset, where) -> assertEquals(1, where.size(), topic + ": " + asset + " is on partitions " + where));
    }
}
