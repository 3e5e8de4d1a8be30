package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;
import dev.bbinv.testkit.Await;

/**
 * A profile's catalog settings changed between two runs reach the app context of every repository at the next scan,
 * although no repository changed: real broker, connector, enricher (where attribute keys are applied) and sink, with
 * the Bitbucket requests each change cost counted on the simulator.
 */
@Timeout(600)
class CatalogSettingsChangeIT {
    private static final String SRC = "GET /2.0/repositories/{workspace}/{repo_slug}/src/{commit}/{path}";
    private static final String LISTING = "GET /2.0/repositories/{workspace}";
    private static final int REPOS = 40;
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void attributeKeysFileAndEnabledEachReachEveryRepositoryAtTheNextScanForTheirRequests() throws Exception {
        EstateSpec estate = EstateSpec.builder().seed(11).cloudWorkspaces(1).cloudRepos(REPOS).catalogShare(1.0)
                .catalogInvalidShare(0).catalogMultiDocShare(0).catalogMissingFieldsShare(0)
                .noDefaultBranchShare(0).build(); // an empty repository has no catalog file
        Path dir = Files.createTempDirectory("catalogcfg");
        // A broker and registry of its own: the shared test broker's inventory topics are counted by other ITs.
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(0);
                BitbucketSimulator sim = BitbucketSimulator.builder().estate(estate).start()) {
            EmbeddedKafka.ensureTopics(kafka.bootstrapServers(), Topics.all(3));
            Map<String, Object> settings = settings(dir, kafka.bootstrapServers(), registry.url().toString());
            Profile profile = Profile.cloud("catalogcfg", URI.create(sim.cloudApiBase()),
                    Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                    List.of());
            List<CloudRepo> repos = sim.cloud().allRepositories();
            assertEquals(REPOS, repos.size());

            // Given a first sync with the default catalog settings: owner from spec.owner
            try (Pipeline pipeline = Pipeline.start(settings, List.of(profile.withCatalog(
                    new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, Map.of()))))) {
                SyncWaiter.awaitFirstSyncInDatabase(pipeline, PipelineSettings.adminProperties(settings),
                        settings.get("sink.group.id").toString(), Duration.ofMinutes(3));
                Map<String, RepositoryRecord> rows = rows(pipeline);
                for (CloudRepo repo : repos) {
                    RepositoryRecord.AppContext app = rows.get(AssetIds.cloud(repo.uuid())).appContext();
                    assertNotNull(app, repo.slug());
                    assertEquals(ownerIn(repo.files().get(CatalogSettings.DEFAULT_FILE)), app.owner(), repo.slug());
                }
            }

            // When only attributeKeys changes (owner <- metadata.name), Then every owner follows at the next scan
            sim.requests().reset();
            try (Pipeline pipeline = Pipeline.start(settings, List.of(profile.withCatalog(
                    new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, Map.of("owner", "metadata.name")))))) {
                awaitEvery(pipeline, "owner = catalog name", app -> app != null && app.owner() != null
                        && app.owner().equals(app.catalogName()));
            }
            // for the listing alone: the connector publishes the files again from the raw topic with the new keys
            assertEquals(0, sim.requests().count(SRC), sim.requests().countsByRoute().toString());
            assertEquals(1, sim.requests().count(LISTING), sim.requests().countsByRoute().toString());

            // When the file changes to one that a quarter of the repositories hold
            List<CloudRepo> withOther = repos.subList(0, REPOS / 4);
            for (CloudRepo repo : withOther) {
                sim.cloud().setFile(repo.uuid(), "backstage.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                        + "metadata:\n  name: other-" + repo.slug() + "\nspec:\n  owner: other-team\n");
            }
            sim.requests().reset();
            try (Pipeline pipeline = Pipeline.start(settings, List.of(profile.withCatalog(
                    new CatalogSettings(true, "backstage.yaml", Map.of()))))) {
                // Then those take their app context from it and the others have none
                awaitEvery(pipeline, "app context from backstage.yaml or none", app -> app == null
                        || "backstage.yaml".equals(app.filePath()) && "other-team".equals(app.owner()));
                Map<String, RepositoryRecord> rows = rows(pipeline);
                for (CloudRepo repo : withOther) {
                    assertEquals("other-" + repo.slug(), rows.get(AssetIds.cloud(repo.uuid())).appContext().catalogName());
                }
                assertEquals(REPOS - withOther.size(), rows.values().stream().filter(r -> r.appContext() == null).count());
            }
            // the code search names the repositories holding the new file: only theirs are read
            assertEquals(withOther.size(), sim.requests().count(SRC), sim.requests().countsByRoute().toString());
            assertEquals(1, sim.requests().count("GET /2.0/workspaces/{workspace}/search/code"),
                    sim.requests().countsByRoute().toString());
            assertEquals(1, sim.requests().count(LISTING), sim.requests().countsByRoute().toString());

            // When the catalog is disabled, Then every app context is removed, for the listing alone
            sim.requests().reset();
            try (Pipeline pipeline = Pipeline.start(settings, List.of(profile.withCatalog(
                    new CatalogSettings(false, "backstage.yaml", Map.of()))))) {
                awaitEvery(pipeline, "no app context", app -> app == null);
            }
            assertEquals(0, sim.requests().count(SRC), sim.requests().countsByRoute().toString());
            assertEquals(1, sim.requests().count(LISTING), sim.requests().countsByRoute().toString());
        }
    }

    private static Map<String, Object> settings(Path dir, String bootstrapServers, String registryUrl) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(Settings.BOOTSTRAP, bootstrapServers);
        settings.put(Settings.REGISTRY, registryUrl);
        settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dir.resolve("inventory.db"));
        settings.put("state.dir", dir.resolve("streams").toString());
        settings.put("application.id", "catalogcfg-" + UUID.randomUUID());
        settings.put("sink.group.id", "catalogcfg-sink-" + UUID.randomUUID());
        settings.put("transactional.id", "catalogcfg-connector-" + UUID.randomUUID());
        settings.put("api.port", 0);
        settings.put("commit.interval.ms", 100);
        // One round per run: a settings change must be applied by the first scan after the restart.
        settings.put("poll.interval.ms", 3_600_000L);
        settings.put("full.scan.interval.ms", 3_600_000L);
        return settings;
    }

    private static void awaitEvery(Pipeline pipeline, String what, Predicate<RepositoryRecord.AppContext> wanted) {
        Await.until(WAIT, () -> "every repository: " + what + "; not yet: " + rows(pipeline).values().stream()
                .filter(r -> !wanted.test(r.appContext())).map(r -> r.name() + "=" + r.appContext()).limit(3).toList(),
                () -> {
                    Map<String, RepositoryRecord> rows = rows(pipeline);
                    return rows.size() == REPOS && rows.values().stream().allMatch(r -> wanted.test(r.appContext()));
                });
    }

    private static Map<String, RepositoryRecord> rows(Pipeline pipeline) {
        InventoryReader reader = new InventoryReader(pipeline.sink().database());
        Map<String, RepositoryRecord> rows = new HashMap<>();
        reader.repositories(new RepositoryQuery(null, null, null, null, null, null, null, RemovedFilter.ANY, null,
                RepositorySort.NAME, false, 500, 0, null)).items().forEach(r -> rows.put(r.id(), r));
        return rows;
    }

    private static String ownerIn(String catalogFile) {
        return catalogFile.lines().map(String::strip).filter(l -> l.startsWith("owner: ")).findFirst()
                .map(l -> l.substring("owner: ".length())).orElseThrow();
    }
}
