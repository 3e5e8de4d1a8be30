package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;

/**
 * The thin slice end to end on real parts: Bitbucket Cloud repositories served by the simulator over HTTP reach the
 * SQLite inventory through a real broker, the connector, the enricher and the sink, row for row.
 */
class CloudSliceIT {

    @Test
    void everySimulatedCloudRepositoryEndsUpInSqliteRowForRowAndTheTokenNowhere() throws Exception {
        // Besides the Bitbucket token: the registry's Basic credentials and a Kafka client secret, both shared settings.
        String registryUserInfo = "svc:registry-pw-" + UUID.randomUUID();
        String kafkaPassword = "kafka-pw-" + UUID.randomUUID();
        SecretWatch watch = SecretWatch.start(BitbucketSimulator.CLOUD_API_TOKEN, registryUserInfo, kafkaPassword);
        // Given an estate of 350 repositories in two workspaces: four pages of 100 in the larger one
        EstateSpec estate = EstateSpec.builder().seed(7).cloudWorkspaces(2).cloudRepos(350).build();
        Path dir = Files.createTempDirectory("slice");
        TestKafka.createTopics(Topics.all(3));
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(estate).start()) {
            Profile profile = Profile.cloud("slice", java.net.URI.create(sim.cloudApiBase()),
                    Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                    List.of());
            Map<String, Object> settings = new HashMap<>();
            settings.put(Settings.BOOTSTRAP, TestKafka.bootstrapServers());
            settings.put(Settings.REGISTRY, TestRegistry.url().toString());
            settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dir.resolve("inventory.db"));
            settings.put("state.dir", dir.resolve("streams").toString());
            settings.put("application.id", "slice-" + UUID.randomUUID());
            settings.put("sink.group.id", "slice-sink-" + UUID.randomUUID());
            settings.put("transactional.id", "slice-connector-" + UUID.randomUUID());
            settings.put("api.port", 0);
            settings.put("request.rate.per.second", 1000); // the simulator does not rate-limit here
            settings.put("schema.registry.basic.auth.user.info", registryUserInfo);
            // Inert on a PLAINTEXT listener, but every client receives it (and must not print it).
            settings.put("kafka.client.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"bbinv\" password=\"" + kafkaPassword + "\";");
            settings.put("commit.interval.ms", 100);

            // When the pipeline runs its first sync
            try (Pipeline pipeline = Pipeline.start(settings, List.of(profile))) {
                SyncWaiter.awaitFirstSyncInDatabase(pipeline, PipelineSettings.adminProperties(settings),
                        settings.get("sink.group.id").toString(), Duration.ofMinutes(3));

                // Then the database holds one row per simulated repository, with its name, visibility and language
                InventoryReader reader = new InventoryReader(pipeline.sink().database());
                Map<String, RepositoryRecord> rows = new TreeMap<>();
                int offset = 0;
                while (true) {
                    List<RepositoryRecord> page = reader.repositories(new RepositoryQuery(null, null, null, null, null,
                            null, null, RemovedFilter.ANY, null, RepositorySort.NAME, false, 500, offset, null)).items();
                    page.forEach(r -> rows.put(r.id(), r));
                    if (page.size() < 500) {
                        break;
                    }
                    offset += page.size();
                }
                List<CloudRepo> expected = sim.cloud().allRepositories();
                assertEquals(350, expected.size());
                assertEquals(expected.size(), rows.size(), "one row per simulated repository");
                int withLanguage = 0;
                int nodejs = 0;
                for (CloudRepo repo : expected) {
                    RepositoryRecord row = rows.get(AssetIds.cloud(repo.uuid()));
                    assertTrue(row != null, "missing " + repo.fullName());
                    assertEquals(repo.name(), row.name());
                    assertEquals(repo.fullName(), row.fullName());
                    assertEquals(repo.isPrivate() ? "PRIVATE" : "PUBLIC", row.visibility());
                    assertEquals(false, row.removed());
                    if (repo.language() == null || repo.language().isEmpty()) {
                        assertTrue(row.languages().isEmpty(), "no language for " + repo.fullName() + ": " + row.languages());
                    } else {
                        withLanguage++;
                        // One language, two for Bitbucket's "html/css"; each keeps Bitbucket's value as raw.
                        assertEquals(repo.language().equals("html/css") ? 2 : 1, row.languages().size(),
                                repo.fullName() + ": " + row.languages());
                        for (RepositoryRecord.Language language : row.languages()) {
                            assertEquals(repo.language(), language.raw());
                            assertEquals("BITBUCKET", language.source());
                        }
                        if (repo.language().equals("nodejs")) {
                            nodejs++;
                            assertEquals(new RepositoryRecord.Language("JavaScript", "nodejs", "BITBUCKET", true),
                                    row.languages().get(0));
                        }
                    }
                }
                assertTrue(withLanguage > 100, "the estate sets a language on most repositories: " + withLanguage);
                assertTrue(nodejs > 0, "Bitbucket's nodejs is among the simulated languages");
            }
            // And the API token is in no log line, no topic and not in the database file
            watch.assertAbsentFromLogs();
            watch.assertAbsentFromTopics(TestKafka.bootstrapServers());
            watch.assertAbsentFromDatabase(dir);
        }
    }
}
