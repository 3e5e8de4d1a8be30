package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.catalogFiles;
import static dev.bbinv.connector.it.ConnectorIts.unique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * Catalog files found by Data Center's {@code repos-matching-root-file}: only existing files read, the search's
 * absence detected once per instance (then every repository asked), a nested catalog path always asked, and a file
 * the lagging index has not seen yet still reaching the inventory in one scan where the listing shows a move.
 */
@Timeout(120)
class DataCenterCatalogSearchIT {
    private static final String FILE = "catalog-info.yaml";
    private static final String RAW = "GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/raw/{path}";
    private static final String SEARCH = "GET /rest/search/latest/repos-matching-root-file";
    private static final String LISTING = "GET /rest/api/1.0/projects/{projectKey}/repos";
    private static final int REPOS = 240;

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static BitbucketSimulator start(long seed, String catalogPath) {
        return BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(0).serverProjects(2).serverRepos(REPOS)
                .catalogShare(0.5).archivedShare(0.05).catalogPath(catalogPath).seed(seed).build());
    }

    private static Profile profile(String name, BitbucketSimulator sim, String file) {
        return Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(BitbucketSimulator.SERVER_ADMIN,
                Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)), List.of())
                .withCatalog(new CatalogSettings(true, file, Map.of()));
    }

    /** Commit reads are their own budget (CommitActivityIT): off here, so every request is the scan's. */
    private static Map<String, Object> config(long pollMs, long catalogRefreshMs) {
        Map<String, Object> config = ConnectorIts.config(pollMs, pollMs);
        config.put("commits.enabled", "false");
        config.put("catalog.refresh.interval.ms", String.valueOf(catalogRefreshMs));
        return config;
    }

    private static List<ServerRepo> active(BitbucketSimulator sim) {
        return Arrays.stream(sim.server().allRepositories().active()).toList();
    }

    private static long withFile(BitbucketSimulator sim, String path) {
        return active(sim).stream().filter(r -> r.files().containsKey(path)).count();
    }

    private static Map<String, RawCatalogFileEvent> latest(String profile) {
        Map<String, RawCatalogFileEvent> byKey = new HashMap<>();
        for (ConsumerRecord<String, RawCatalogFileEvent> r : catalogFiles(profile)) {
            byKey.put(r.key(), r.value());
        }
        return byKey;
    }

    private static void assertInventoryMatches(BitbucketSimulator sim, String profile, String path) {
        Map<String, RawCatalogFileEvent> byKey = latest(profile);
        for (ServerRepo repo : active(sim)) {
            RawCatalogFileEvent event = byKey.get(AssetIds.server(sim.serverBase(), repo.id()));
            String expected = repo.files().get(path);
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
    void aFirstCompleteScanReadsOnlyTheExistingFilesPlusOneSearchPagePerProject() throws Exception {
        try (BitbucketSimulator sim = start(51, FILE)) {
            // Named after the other project: the loose query lists it for that project too, which must not use it.
            ServerRepo namesake = sim.server().add("PLAT", "payments-namesake");
            sim.server().setCatalogFile(namesake.id(), "kind: Component\nmetadata:\n  name: namesake\n");
            String name = unique("dc-search-on");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 86_400_000), List.of(profile(name, sim, FILE)))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(sync.get(0).synced(), sync.toString());
                assertTrue(discovery(role).matches("PAY: search \\(1 page\\(s\\), \\d+ file\\(s\\)\\); "
                        + "PLAT: search \\(1 page\\(s\\), \\d+ file\\(s\\)\\)"), discovery(role));
            }
            assertEquals(withFile(sim, FILE), sim.requests().count(RAW), "only the existing files read: "
                    + sim.requests().countsByRoute());
            assertEquals(2, sim.requests().count(SEARCH), "one search page per project");
            long users = sim.requests().count("GET /rest/api/1.0/admin/users");
            assertEquals(sim.requests().count(LISTING) + 2 + withFile(sim, FILE) + users + 1,
                    sim.requests().total(), "listings + search pages + files (+ users, projects): "
                    + sim.requests().countsByRoute());
            assertInventoryMatches(sim, name, FILE);
        }
    }

    /** 401 too: Data Center refuses a user lacking a permission with 401, which is no refused credential here. */
    @ParameterizedTest
    @ValueSource(ints = {401, 404})
    void searchSwitchedOffIsDetectedOnceForTheInstanceAndEveryRepositoryAsked(int status) throws Exception {
        try (BitbucketSimulator sim = start(52, FILE)) {
            sim.codeSearch().disable(status);
            String name = unique("dc-search-off");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 86_400_000), List.of(profile(name, sim, FILE)))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(sync.get(0).synced(), sync.toString());
                assertTrue(discovery(role).matches("PAY: probes \\(search unavailable: " + status
                        + "; asked again after \\S+\\); PLAT: probes \\(search unavailable: " + status
                        + "; asked again after \\S+\\)"), discovery(role));
            }
            assertEquals(1, sim.requests().count(SEARCH), "detected once for the instance, not per project");
            assertEquals(active(sim).size(), sim.requests().count(RAW), "every repository asked");
            assertInventoryMatches(sim, name, FILE);
        }
    }

    @Test
    void aCatalogFileInAFolderIsAskedOfEveryRepositoryWithoutSearching() throws Exception {
        String nested = "docs/" + FILE;
        try (BitbucketSimulator sim = start(53, nested)) {
            String name = unique("dc-search-nested");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 86_400_000),
                    List.of(profile(name, sim, nested)))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(discovery(role).endsWith("PLAT: probes (Data Center search finds root files only; '"
                        + nested + "' is in a folder)"), discovery(role));
            }
            assertEquals(0, sim.requests().count(SEARCH));
            assertEquals(active(sim).size(), sim.requests().count(RAW), "every repository asked");
            assertTrue(withFile(sim, nested) > 0);
            assertInventoryMatches(sim, name, nested);
        }
    }

    @Test
    void aFileTheLaggingIndexHasNotSeenReachesTheInventoryInOneScanWhereTheListingShowsAMove() throws Exception {
        try (BitbucketSimulator sim = start(54, FILE)) {
            sim.codeSearch().indexLag(Duration.ofHours(1));
            String name = unique("dc-search-lag");
            // Every file is due again each scan, so each scan searches.
            try (ConnectorRole role = ConnectorRole.start(config(300, 1), List.of(profile(name, sim, FILE)))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertInventoryMatches(sim, name, FILE);
                List<ServerRepo> pay = sim.server().repositories("PAY").stream().filter(r -> !r.archived()).toList();
                ServerRepo removed = pay.stream().filter(r -> r.files().containsKey(FILE)).findFirst().orElseThrow();
                ServerRepo renamed = pay.stream().filter(r -> !r.files().containsKey(FILE)).findFirst().orElseThrow();
                sim.server().setCatalogFile(removed.id(), null);
                sim.server().rename(renamed.id(), "renamed-and-catalogued");
                sim.server().setCatalogFile(renamed.id(), "kind: Component\nmetadata:\n  name: renamed\n");
                ServerRepo created = sim.server().add("PAY", "created-with-a-catalog");
                sim.server().setCatalogFile(created.id(), "kind: Component\nmetadata:\n  name: created\n");
                long searches = sim.requests().count(SEARCH);
                Await.until(Duration.ofSeconds(60), "two more complete scans that searched",
                        () -> sim.requests().count(SEARCH) >= searches + 4);
                Map<String, RawCatalogFileEvent> byKey = latest(name);
                assertEquals(CatalogFileStatus.ABSENT,
                        byKey.get(AssetIds.server(sim.serverBase(), removed.id())).getStatus(), "a removed file");
                assertEquals(CatalogFileStatus.FOUND,
                        byKey.get(AssetIds.server(sim.serverBase(), renamed.id())).getStatus(), "a moved repository");
                assertEquals(CatalogFileStatus.FOUND,
                        byKey.get(AssetIds.server(sim.serverBase(), created.id())).getStatus(), "a new repository");
            }
            List<Integer> indexed = sim.codeSearch().withRootFile(sim.server(), FILE).stream().map(ServerRepo::id)
                    .toList();
            assertTrue(indexed.contains(removed(sim, indexed)), "the index still lags: the removal came from asking");
            assertFalse(indexed.contains(sim.server().repository("PAY", "created-with-a-catalog").id()),
                    "the index still lags: the new file came from asking the repository");
        }
    }

    private static int removed(BitbucketSimulator sim, List<Integer> indexed) {
        return sim.server().repositories("PAY").stream().filter(r -> !r.archived() && !r.files().containsKey(FILE)
                && indexed.contains(r.id())).findFirst().orElseThrow().id();
    }
}
