package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.Level;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScanSummary;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/** The review holes of issue #3, each against the simulator's faults and estate changes and the real broker. */
@Timeout(120)
class ScanSafetyIT {
    private static final CapturedLogs LOGS = new CapturedLogs();

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
        LOGS.attach();
    }

    @AfterAll
    static void tearDown() {
        LOGS.detach();
    }


    private static Profile cloud(String name, BitbucketSimulator sim, List<String> workspaces) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(BitbucketSimulator.CLOUD_EMAIL,
                Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), workspaces);
    }




    private static boolean logged(String... parts) {
        return LOGS.list.stream().anyMatch(e -> {
            String line = e.getFormattedMessage();
            for (String part : parts) {
                if (!line.contains(part)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static long events(String profile, String uuid) {
        return repositories(profile).stream().filter(e -> e.key().equals(AssetIds.cloud(uuid))).count();
    }

    @Test
    void aCatalogFileThatKeepsFailingDoesNotBlockTheListingAndIsNotPublishedAbsent() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(30)
                .catalogShare(1.0).seed(21).build())) {
            CloudRepo failing = sim.cloud().allRepositories().get(4);
            sim.inject(Fault.status(502).on(".*/" + failing.slug() + "/src/.*").always());
            String name = unique("catalog-5xx");
            Profile profile = cloud(name, sim, List.of())
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000), List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
                assertTrue(sync.get(0).scans().stream().allMatch(s -> s.finished()), sync.toString());
                assertEquals(30, repositories(name).size(), "every repository published");
                List<ConsumerRecord<String, RawCatalogFileEvent>> files = catalogFiles(name);
                assertEquals(29, files.size());
                assertTrue(files.stream().noneMatch(f -> f.key().equals(AssetIds.cloud(failing.uuid()))),
                        "no event (in particular no ABSENT) for the file that could not be fetched");
                assertTrue(logged("of profile " + name, "complete", "catalog files failed: 1"));
                assertTrue(logged("catalog file of repository " + failing.uuid(), "will retry next scan"));
            }
        }
    }

    @Test
    void aForbiddenWorkspaceFailsThatScopeOnlyAndNamesThePermission() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(2).cloudRepos(40)
                .seed(22).build())) {
            String open = sim.cloud().workspaces().get(0).slug();
            String closed = sim.cloud().workspaces().get(1).slug();
            sim.inject(Fault.status(403).on("/2.0/repositories/" + closed).always());
            String name = unique("forbidden-ws");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000),
                    List.of(cloud(name, sim, List.of(open, closed))))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
                assertEquals(1, sync.get(0).failedScopes().size(), sync.toString());
                assertEquals(Outcome.FORBIDDEN, sync.get(0).failedScopes().get(0).outcome());
                String reason = sync.get(0).failedScopes().get(0).reason();
                assertTrue(reason.contains("workspace '" + closed + "'") && reason.contains("read:repository:bitbucket"),
                        reason);
                Set<String> expected = sim.cloud().repositories(open).stream().map(r -> AssetIds.cloud(r.uuid()))
                        .collect(Collectors.toSet());
                assertEquals(expected, repositories(name).stream().map(ConsumerRecord::key).collect(Collectors.toSet()),
                        "the other workspace was scanned");
                assertTrue(sync.get(0).scans().stream().anyMatch(s -> s.scope().scope().equals(open)
                        && s.scope().entity().label.equals("users") && s.finished()), "its users too");
            }
        }
    }

    @Test
    void aRepositorySkippedBecauseTheListingShiftedWhilePagedIsNotRemoved() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(150)
                .catalogShare(0).seed(23).build())) {
            String workspace = sim.cloud().workspaces().get(0).slug();
            String name = unique("shift");
            try (ConnectorRole role = ConnectorRole.start(config(200, 200), List.of(cloud(name, sim, List.of())))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertEquals(150, repositories(name).size());
                // A rate limit (not a failed page, which would end the scan) leaves it to resume from page 2.
                sim.inject(Fault.rateLimit().on("/2.0/repositories/" + workspace).onPage(2).always());
                Await.until(Duration.ofSeconds(30), "page 2 refused", () -> logged("of profile " + name,
                        "repositories in scope " + workspace, "incomplete"));
                Set<String> page1 = sim.cloud().repositories(workspace).subList(0, 100).stream()
                        .map(r -> AssetIds.cloud(r.uuid())).collect(Collectors.toSet());
                // Deleting a repository already read moves the first of page 2 onto page 1: the resumed scan skips it.
                CloudRepo deleted = sim.cloud().repositories(workspace).stream()
                        .filter(r -> page1.contains(AssetIds.cloud(r.uuid()))).findFirst().orElseThrow();
                sim.cloud().delete(deleted.uuid());
                sim.faults().clear();
                Await.until(Duration.ofSeconds(30), "the deleted repository removed",
                        () -> repositories(name).stream().anyMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                List<ConsumerRecord<String, RawRepositoryEvent>> removed = repositories(name).stream()
                        .filter(e -> e.value().getKind() == RawEventKind.REMOVED).toList();
                assertEquals(List.of(AssetIds.cloud(deleted.uuid())), removed.stream().map(ConsumerRecord::key).toList());
                assertEquals(149, sim.cloud().repositories(workspace).size());
                assertTrue(logged(name + "/repositories/" + workspace + ": 1 unseen entit(ies) kept"),
                        "the resumed scan missed the shifted repository (the deleted one it had read on page 1)");
            }
        }
    }

    @Test
    void anUpdateDuringALongScanToARepositoryAlreadyReadIsFoundByTheNextIncrementalScan() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(150)
                .catalogShare(0).seed(24).build())) {
            String workspace = sim.cloud().workspaces().get(0).slug();
            String name = unique("watermark");
            // A rate limit leaves the scan incomplete, to resume from page 2 (a failed page would end it).
            sim.inject(Fault.rateLimit().on("/2.0/repositories/" + workspace).onPage(2).always());
            try (ConnectorRole role = ConnectorRole.start(config(200, 3_600_000), List.of(cloud(name, sim, List.of())))) {
                Await.until(Duration.ofSeconds(30), "page 2 refused", () -> logged("of profile " + name,
                        "repositories in scope " + workspace, "incomplete"));
                Set<String> page1 = repositories(name).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
                List<CloudRepo> all = sim.cloud().repositories(workspace);
                CloudRepo read = all.stream().filter(r -> page1.contains(AssetIds.cloud(r.uuid()))).findFirst()
                        .orElseThrow();
                CloudRepo unread = all.stream().filter(r -> !page1.contains(AssetIds.cloud(r.uuid()))).findFirst()
                        .orElseThrow();
                // Pushes while the scan is under way: first to one already read, then to one not yet read.
                sim.cloud().touch(read.uuid());
                Thread.sleep(5); // distinct updated_on values
                sim.cloud().touch(unread.uuid());
                sim.faults().clear();
                Await.until(Duration.ofSeconds(30), "the complete scan finished",
                        () -> logged("of profile " + name, "repositories in scope " + workspace, ": complete"));
                assertEquals(1, events(name, read.uuid()), "the complete scan had read it before the push");
                Await.until(Duration.ofSeconds(30), "the push to the repository already read published",
                        () -> events(name, read.uuid()) == 2);
            }
        }
    }

    @Test
    void aPageWhoseCatalogReadIsRateLimitedIsPublishedWhenItsScanResumesAndTheScanMayStillRemove() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(150)
                .catalogShare(0.5).seed(27).build())) {
            sim.codeSearch().disable(404); // probes: every repository's file is asked
            String workspace = sim.cloud().workspaces().get(0).slug();
            CloudRepo onPage2 = sim.cloud().repositories(workspace).get(120);
            // Given: one catalog read of page 2 refused (429) for as long as its retries last (2 attempts), once:
            // the scan stops incomplete after page 1, and the next round resumes the same scan at page 2
            sim.inject(Fault.rateLimit().on("/2.0/repositories/" + workspace + "/" + onPage2.slug() + "/src/.*")
                    .times(2));
            String name = unique("catalog-429");
            Profile profile = cloud(name, sim, List.of())
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            try (ConnectorRole role = ConnectorRole.start(config(500, 3_600_000), List.of(profile))) {
                // When: the first sync completes, in the round after the refused one
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);

                // Then: the resumed run published page 2 (its entities were not taken for ones the scan had seen),
                // and its listing kept the right to remove
                assertTrue(logged("of profile " + name, "repositories in scope " + workspace, "incomplete"),
                        "page 2's catalog read was refused first");
                ScanSummary resumed = sync.get(0).scans().stream()
                        .filter(s -> s.scope().entity().label.equals("repositories")).findFirst().orElseThrow();
                assertEquals(Outcome.COMPLETE, resumed.outcome(), resumed.toString());
                assertEquals(1, resumed.pages(), "resumed at page 2: " + resumed);
                assertEquals(50, resumed.entities(), "page 2's repositories, none a duplicate: " + resumed);
                assertEquals(50, resumed.changes(), resumed.toString());
                Set<String> expected = sim.cloud().repositories(workspace).stream().map(r -> AssetIds.cloud(r.uuid()))
                        .collect(Collectors.toSet());
                assertEquals(150, repositories(name).size(), "each repository published once");
                assertEquals(expected, repositories(name).stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
                assertEquals(expected, catalogFiles(name).stream().map(ConsumerRecord::key).collect(Collectors.toSet()),
                        "every catalog file published, the refused one's too");
            }
        }
    }

    @Test
    void aProfileWorkerSurvivesAnUnexpectedErrorAndSyncsInTheNextRound() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(20)
                .seed(25).build())) {
            String name = unique("survivor");
            AtomicBoolean failed = new AtomicBoolean();
            // A clock that fails once inside the worker: stands for any unexpected RuntimeException in a round.
            Clock flaky = new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    if (Thread.currentThread().getName().startsWith("bbinv-connector-") && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected clock failure");
                    }
                    return Instant.now();
                }
            };
            try (ConnectorRole role = ConnectorRole.start(config(200, 3_600_000), List.of(cloud(name, sim, List.of())),
                    flaky)) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(failed.get(), "the failure was injected");
                assertFalse(sync.get(0).stopped(), sync.toString());
                assertEquals(20, repositories(name).size());
                assertTrue(LOGS.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR
                        && e.getFormattedMessage().contains("Profile " + name + ": round failed")
                        && e.getFormattedMessage().contains("injected clock failure")));
            }
        }
    }

    @Test
    void aDataCenterCatalogFileChangedByAPushIsFetchedAgainAndAnUnchangedOneIsNotRepublished() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().serverProjects(1).serverRepos(8)
                .serverPersonalProjects(0).archivedShare(0).serverUsers(2).catalogShare(1.0).seed(26).build())) {
            String name = unique("dc-catalog");
            Profile profile = Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(
                    BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)), List.of())
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            Map<String, Object> config = config(200, 200);
            config.put("catalog.refresh.interval.ms", "300");
            try (ConnectorRole role = ConnectorRole.start(config, List.of(profile))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertEquals(8, catalogFiles(name).size());
                int pushed = sim.server().allRepositories().all()[2].id();
                String asset = AssetIds.server(sim.serverBase(), pushed);
                sim.server().setCatalogFile(pushed, "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                        + "metadata:\n  name: pushed-later\nspec:\n  owner: team-new\n");
                Await.until(Duration.ofSeconds(30), "the pushed catalog file fetched again",
                        () -> catalogFiles(name).stream().anyMatch(f -> f.key().equals(asset)
                                && f.value().getContent() != null && f.value().getContent().contains("pushed-later")));
                long scansBefore = sim.requests().count("GET /rest/api/1.0/projects/{projectKey}/repos");
                Await.until(Duration.ofSeconds(30), "two more scans",
                        () -> sim.requests().count("GET /rest/api/1.0/projects/{projectKey}/repos") >= scansBefore + 2);
                assertEquals(9, catalogFiles(name).size(), "only the changed file published again");
            }
        }
    }

    @Test
    void dataCenterScansOfUnchangedRepositoriesAskForNoCatalogFileUntilTheRefreshIntervalHasPassed() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().serverProjects(1).serverRepos(6)
                .serverPersonalProjects(0).archivedShare(0).serverUsers(2).catalogShare(0.5).seed(27).build())) {
            String name = unique("dc-refresh");
            Profile profile = Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(
                    BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)), List.of())
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            String raw = "GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/raw/{path}";
            String listing = "GET /rest/api/1.0/projects/{projectKey}/repos";
            // The default refresh interval (a day): every scan lists every repository, none asks a file again
            try (ConnectorRole role = ConnectorRole.start(config(200, 200), List.of(profile))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                long filesAsked = sim.requests().count(raw);
                assertEquals(6, filesAsked, "the first scan asks every repository's file, found or not");
                long listings = sim.requests().count(listing);
                Await.until(Duration.ofSeconds(30), "three more scans",
                        () -> sim.requests().count(listing) >= listings + 3);
                assertEquals(filesAsked, sim.requests().count(raw), "unchanged repositories: no file asked again");
            }
        }
    }
}
