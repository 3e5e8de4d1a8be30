package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.catalogFiles;
import static dev.bbinv.connector.it.ConnectorIts.unique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileState;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * Catalog files found by Bitbucket Cloud's code search: every file read and no absent one asked, a fallback to probes
 * when search is off, and pushes the lagging index has not seen yet still reach the inventory in one complete scan.
 */
@Timeout(120)
class CatalogSearchIT {
    private static final String FILE = "catalog-info.yaml";
    private static final String SRC = "GET /2.0/repositories/{workspace}/{repo_slug}/src/{commit}/{path}";
    private static final String SEARCH = "GET /2.0/workspaces/{workspace}/search/code";
    private static final String LISTING = "GET /2.0/repositories/{workspace}";
    /** Commit reads are counted apart: they are their own budget (CommitActivityIT), not catalog discovery. */
    private static final String COMMITS = "GET /2.0/repositories/{workspace}/{repo_slug}/commits/{revision}";
    private static final int REPOS = 250;

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static BitbucketSimulator start(long seed) {
        return BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(REPOS).catalogShare(0.5)
                .seed(seed).build());
    }

    private static Profile profile(String name, BitbucketSimulator sim) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(BitbucketSimulator.CLOUD_EMAIL,
                Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of())
                .withCatalog(new CatalogSettings(true, FILE, Map.of()));
    }

    private static Map<String, Object> config(long pollMs, long fullMs, long indexLagMs) {
        Map<String, Object> config = ConnectorIts.config(pollMs, fullMs);
        config.put("catalog.search.index.lag.ms", String.valueOf(indexLagMs));
        return config;
    }

    private static long withFile(BitbucketSimulator sim) {
        return sim.cloud().allRepositories().stream().filter(r -> r.files().containsKey(FILE)).count();
    }

    /** The latest catalog event of each repository the profile published. */
    private static Map<String, RawCatalogFileEvent> latest(String profile) {
        Map<String, RawCatalogFileEvent> byKey = new HashMap<>();
        for (ConsumerRecord<String, RawCatalogFileEvent> r : catalogFiles(profile)) {
            byKey.put(r.key(), r.value());
        }
        return byKey;
    }

    private static void assertInventoryMatches(BitbucketSimulator sim, String profile) {
        Map<String, RawCatalogFileEvent> byKey = latest(profile);
        for (CloudRepo repo : sim.cloud().allRepositories()) {
            RawCatalogFileEvent event = byKey.get(AssetIds.cloud(repo.uuid()));
            String expected = repo.files().get(FILE);
            assertTrue(event != null, "a catalog event for " + repo.slug());
            if (expected == null) {
                assertEquals(CatalogFileStatus.ABSENT, event.getStatus(), repo.slug());
            } else {
                assertEquals(CatalogFileStatus.FOUND, event.getStatus(), repo.slug());
                assertEquals(expected, event.getContent(), repo.slug());
            }
        }
    }

    private static String discovery(ConnectorRole role) {
        return role.profileStates().stream().map(ProfileState::catalogDiscovery).findFirst().orElse(null);
    }

    @Test
    void searchFindsEveryCatalogFileWithFarFewerRequestsThanProbingEachRepository() throws Exception {
        try (BitbucketSimulator sim = start(41)) {
            // A file of the same name in a sub-folder is found by path: too, but is not the catalog file.
            CloudRepo nested = sim.cloud().allRepositories().stream().filter(r -> !r.files().containsKey(FILE))
                    .findFirst().orElseThrow();
            sim.cloud().setFile(nested.uuid(), "docs/" + FILE, "kind: Component\n");
            String name = unique("search-on");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000, 0), List.of(profile(name, sim)))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(sync.get(0).synced(), sync.toString());
                assertTrue(discovery(role).matches(".*: search \\(2 page\\(s\\), " + withFile(sim) + " file\\(s\\)\\)"),
                        discovery(role));
            }
            assertEquals(withFile(sim), sim.requests().count(SRC), "only the existing files read: "
                    + sim.requests().countsByRoute());
            assertEquals(2, sim.requests().count(SEARCH), "one request per search page of 100");
            long listings = sim.requests().count(LISTING);
            assertTrue(sim.requests().total() - sim.requests().count(COMMITS) <= listings + 2 + withFile(sim) + 4,
                    "listings + search pages + files (+ members): " + sim.requests().countsByRoute());
            assertInventoryMatches(sim, name);
        }
    }

    @Test
    void searchSwitchedOffFallsBackToAskingEveryRepositoryAndSaysSo() throws Exception {
        try (BitbucketSimulator sim = start(42)) {
            sim.codeSearch().disable(404);
            String name = unique("search-off");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000, 0), List.of(profile(name, sim)))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(sync.get(0).synced(), sync.toString());
                assertTrue(discovery(role).endsWith(": probes (search unavailable: 404)"), discovery(role));
            }
            assertEquals(1, sim.requests().count(SEARCH), "search detected once for the scan");
            assertEquals(REPOS, sim.requests().count(SRC), "every repository asked");
            assertInventoryMatches(sim, name);
        }
    }

    @Test
    void aFileAddedOrRemovedAfterIndexingReachesTheInventoryInTheNextCompleteScan() throws Exception {
        try (BitbucketSimulator sim = start(43)) {
            sim.codeSearch().indexLag(Duration.ofHours(1));
            String name = unique("search-lag");
            // No configured lag: only "pushed since the previous search" makes the scan ask a repository anyway.
            try (ConnectorRole role = ConnectorRole.start(config(300, 300, 0), List.of(profile(name, sim)))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertInventoryMatches(sim, name);
                List<CloudRepo> firstPage = sim.cloud().repositories(sim.cloud().workspaces().get(0).slug())
                        .subList(0, 100);
                CloudRepo added = firstPage.stream().filter(r -> !r.files().containsKey(FILE)).findFirst().orElseThrow();
                CloudRepo removed = firstPage.stream().filter(r -> r.files().containsKey(FILE)).findFirst().orElseThrow();
                // Enough pushes on the first page that the next complete scan searches again.
                firstPage.stream().filter(r -> r != added && r != removed).limit(30)
                        .forEach(r -> sim.cloud().touch(r.uuid()));
                sim.cloud().setCatalogFile(added.uuid(), "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                        + "metadata:\n  name: added-after-indexing\n");
                sim.cloud().setCatalogFile(removed.uuid(), null);
                long searches = sim.requests().count(SEARCH);
                Await.until(Duration.ofSeconds(60), "a complete scan that searched again after the pushes",
                        () -> sim.requests().count(SEARCH) > searches
                                && sim.requests().count(LISTING) >= sim.requests().count(SEARCH) * 3 + 3);
                Await.until(Duration.ofSeconds(30), "the added file and the removal in the inventory", () -> {
                    Map<String, RawCatalogFileEvent> byKey = latest(name);
                    RawCatalogFileEvent a = byKey.get(AssetIds.cloud(added.uuid()));
                    RawCatalogFileEvent r = byKey.get(AssetIds.cloud(removed.uuid()));
                    return a != null && a.getStatus() == CatalogFileStatus.FOUND
                            && r != null && r.getStatus() == CatalogFileStatus.ABSENT;
                });
            }
            assertFalse(sim.codeSearch().search(sim.cloud().workspaces().get(0), FILE, FILE).stream()
                    .anyMatch(h -> h.path().equals(FILE) && h.content().contains("added-after-indexing")),
                    "the index still lags: the file came from asking the repository");
        }
    }

    @Test
    void aRestartedConnectorAsksRepositoriesPushedWithinTheConfiguredIndexLag() throws Exception {
        try (BitbucketSimulator sim = start(44)) {
            sim.codeSearch().indexLag(Duration.ofHours(1));
            CloudRepo added = sim.cloud().allRepositories().stream().filter(r -> !r.files().containsKey(FILE))
                    .findFirst().orElseThrow();
            sim.cloud().setCatalogFile(added.uuid(), "kind: Component\nmetadata:\n  name: pushed-before-start\n");
            // Told the index has no lag, a first scan trusts the search: the file pushed a moment ago is missed.
            String trusting = unique("search-no-lag");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000, 0),
                    List.of(profile(trusting, sim)))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
            }
            assertEquals(CatalogFileStatus.ABSENT, latest(trusting).get(AssetIds.cloud(added.uuid())).getStatus());
            assertEquals(withFile(sim) - 1, sim.requests().count(SRC), sim.requests().countsByRoute().toString());
            sim.requests().reset();
            String name = unique("search-restart");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000, 600_000),
                    List.of(profile(name, sim)))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
            }
            assertInventoryMatches(sim, name);
            assertEquals(withFile(sim), sim.requests().count(SRC), "the pushed repository's file is among those read");
        }
    }
}
