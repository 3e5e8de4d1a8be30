package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/** The connector against the Data Center dialect of bitbucket-sim, a real in-process broker and the registry. */
@Timeout(120)
class DataCenterIT {
    /** A small page cap so every project spans several pages; the simulator's start stride makes start+size wrong. */
    private static final int LIMIT_CAP = 10;

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static Map<String, Object> config(long pollMs) {
        return ConnectorIts.config(pollMs, pollMs);
    }

    /** The non-admin reader: {@code /admin/users} answers it 401. */
    private static Profile reader(String name, BitbucketSimulator sim) {
        return Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(BitbucketSimulator.SERVER_USER,
                Secret.of(BitbucketSimulator.SERVER_USER_PASSWORD)), List.of());
    }

    private static String unique() {
        return ConnectorIts.unique("dc");
    }



    private static Set<String> keys(BitbucketSimulator sim, ServerRepo[] repos) {
        return Arrays.stream(repos).map(r -> AssetIds.server(sim.serverBase(), r.id())).collect(Collectors.toSet());
    }

    private static long repoListings(BitbucketSimulator sim) {
        return sim.requests().count("GET /rest/api/1.0/projects/{projectKey}/repos");
    }

    @Test
    void pagesByNextPageStartMarksArchivedRepositoriesIncludesPersonalProjectsAndFallsBackToUsers() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(2).serverRepos(55).archivedShare(0.1).catalogShare(0.5)
                        .serverUsers(4).serverPersonalProjects(1).serverReposPerPersonalProject(2).seed(21).build())
                .serverLimitCap(LIMIT_CAP).start()) {
            String name = unique();
            Profile profile = reader(name, sim).withPersonalProjects(true)
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000), List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
            }
            ServerEstate.AllRepos all = sim.server().allRepositories();
            List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(name);
            // Exactly one event per repository: following start+size instead of nextPageStart would re-read or skip.
            assertEquals(all.all().length, events.size());
            assertEquals(keys(sim, all.all()), events.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertTrue(sim.requests().all().stream().anyMatch(r -> r.path().matches(".*/projects/[^~/]+/repos")
                    && r.query().contains("start=" + LIMIT_CAP * 3)), "continued from nextPageStart (index 10 x stride 3)");
            assertTrue(events.stream().anyMatch(e -> e.value().getEnvelope().getScope().startsWith("~")),
                    "the personal project was scanned");

            assertTrue(all.archived().length > 0, "the estate has archived repositories");
            List<ConsumerRecord<String, RawRepositoryEvent>> archived = events.stream()
                    .filter(e -> e.value().getKind() == RawEventKind.REMOVED).toList();
            assertEquals(keys(sim, all.archived()), archived.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertTrue(archived.stream().allMatch(e -> "repo-archived".equals(e.value().getRemovalReason())
                    && e.value().getJson().contains("\"archived\":true")), archived.get(0).value().toString());

            List<ConsumerRecord<String, RawUserEvent>> users = committed(Topics.RAW_USERS, RawUserEvent.class, name,
                    v -> v.getEnvelope().getProfile());
            assertEquals(sim.server().users().size(), users.size());
            assertTrue(users.stream().allMatch(u -> "*".equals(u.value().getEnvelope().getScope())));
            assertTrue(sim.requests().all().stream().anyMatch(r -> r.path().endsWith("/admin/users") && r.status() == 401),
                    "/admin/users was tried and refused first");
            assertTrue(sim.requests().all().stream().anyMatch(r -> r.path().equals("/rest/api/1.0/users")
                    && r.status() == 200), "then /users was listed");

            List<ConsumerRecord<String, RawCatalogFileEvent>> files = committed(Topics.RAW_CATALOG_FILES,
                    RawCatalogFileEvent.class, name, v -> v.getEnvelope().getProfile());
            assertEquals(all.active().length, files.size(), "no catalog fetch for archived repositories");
            long withFile = Arrays.stream(all.active()).filter(r -> r.files().containsKey("catalog-info.yaml")).count();
            assertTrue(withFile > 0 && withFile < all.active().length, "some with a file, some without: " + withFile);
            assertEquals(withFile, files.stream().filter(f -> f.value().getStatus() == CatalogFileStatus.FOUND).count());
            assertEquals(all.active().length - withFile,
                    files.stream().filter(f -> f.value().getStatus() == CatalogFileStatus.ABSENT).count());
        }
    }

    @Test
    void aPageWithoutNextPageStartRemovesNothingUntilAFullListingSucceeds() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(1).serverRepos(40).serverUsers(3).catalogShare(0)
                        .archivedShare(0).seed(22).build())
                .serverLimitCap(LIMIT_CAP).start()) {
            String name = unique();
            String project = sim.server().projects().get(0).key();
            try (ConnectorRole role = ConnectorRole.start(config(200), List.of(reader(name, sim)))) {
                role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                assertEquals(40, repositories(name).size());
                // Page 2 says isLastPage:false without nextPageStart: the listing can never be completed.
                sim.inject(Fault.missingNext().on(".*/projects/" + project + "/repos").onPage(2).always());
                // A scan already past page 2 could still complete; four more listing pages mean it has ended.
                long armed = repoListings(sim);
                Await.until(Duration.ofSeconds(30), "the scan running when the fault was armed ended",
                        () -> repoListings(sim) >= armed + 4);
                ServerRepo gone = sim.server().repositories(project).get(35);
                sim.server().delete(gone.id());
                long before = repoListings(sim);
                Await.until(Duration.ofSeconds(30), "several scans cut short", () -> repoListings(sim) >= before + 4);
                assertTrue(repositories(name).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                sim.faults().clear();
                Await.until(Duration.ofSeconds(30), "removal after a complete listing",
                        () -> repositories(name).stream().anyMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                List<ConsumerRecord<String, RawRepositoryEvent>> removed = repositories(name).stream()
                        .filter(e -> e.value().getKind() == RawEventKind.REMOVED).toList();
                assertEquals(1, removed.size());
                assertEquals(AssetIds.server(sim.serverBase(), gone.id()), removed.get(0).key());
                assertEquals("repo-deleted", removed.get(0).value().getRemovalReason());
            }
        }
    }
}
