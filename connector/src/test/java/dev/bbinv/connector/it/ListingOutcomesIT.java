package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.committed;
import static dev.bbinv.connector.it.ConnectorIts.config;
import static dev.bbinv.connector.it.ConnectorIts.repositories;
import static dev.bbinv.connector.it.ConnectorIts.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScanSummary;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.estate.CloudUser;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * Listings read as Bitbucket documents them (issue #11, item 1): {@code size} is advisory, a page without {@code next}
 * ends the listing, every entity shown is published, and a listing that disagrees with itself ends "complete for
 * sightings, no removals" with one WARN, without holding back the first sync.
 */
@Timeout(120)
class ListingOutcomesIT {
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

    private static List<ConsumerRecord<String, RawUserEvent>> users(String profile) {
        return committed(Topics.RAW_USERS, RawUserEvent.class, profile, v -> v.getEnvelope().getProfile());
    }

    private static ScanSummary scan(ProfileSync sync, String entity) {
        return sync.scans().stream().filter(s -> s.scope().entity().label.equals(entity)).findFirst().orElseThrow();
    }

    private static List<String> warnings(String profile) {
        return LOGS.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("profile " + profile + ",")).toList();
    }

    @Test
    void aMemberPageWhoseSizeClaimsMoreThanItHoldsPublishesEveryMemberAndOnlyWithholdsRemovals() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(5)
                .cloudMembersPerWorkspace(6).catalogShare(0).seed(31).build())) {
            String workspace = sim.cloud().workspaces().get(0).slug();
            String members = "/2.0/workspaces/" + workspace + "/members";
            // Given a member listing of one page, no next, whose size claims 9 members more than it serves
            sim.inject(Fault.sizeInflated(9).on(members).always());
            String name = unique("size-inflated");
            try (ConnectorRole role = ConnectorRole.start(config(150, 150), List.of(cloud(name, sim, List.of())))) {
                // When the first sync runs, then it ends, the users scan complete for sightings without removals
                ProfileSync sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS).get(0);
                assertTrue(sync.synced(), sync.toString());
                ScanSummary usersScan = scan(sync, "users");
                assertEquals(Outcome.COMPLETE_NO_REMOVALS, usersScan.outcome(), usersScan.toLogLine());
                assertTrue(usersScan.reason().contains("announced size 15 but ended after 6"), usersScan.reason());
                assertEquals(Outcome.COMPLETE, scan(sync, "repositories").outcome());
                // And every member it showed is published
                List<CloudUser> shown = sim.cloud().workspaces().get(0).members();
                Set<String> expected = shown.stream().map(u -> AssetIds.cloud(u.uuid())).collect(Collectors.toSet());
                assertEquals(expected, users(name).stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
                // And one WARN per such scan names the profile, the scope and what disagreed
                List<String> warned = warnings(name).stream().filter(l -> l.contains(usersScan.scanId())).toList();
                assertEquals(1, warned.size(), warned.toString());
                assertTrue(warned.get(0).contains("users in scope " + workspace), warned.get(0));
                assertTrue(warned.get(0).contains("announced size 15"), warned.get(0));
                assertEquals(0, warnings(name).stream().filter(l -> l.contains("announced size")
                        && !l.startsWith("scan ")).count(), "no other WARN line about it");
                // And the metrics count such scans by their outcome
                io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
                role.bindMetrics(registry);
                assertTrue(registry.get("bbinv.connector.scans").tags("profile", name, "entity", "users", "outcome",
                        "complete_no_removals").functionTimer().count() >= 1);

                // When a member leaves while the listing keeps disagreeing, then no round removes them
                CloudUser leaving = shown.get(2);
                sim.cloud().removeMember(workspace, leaving.uuid());
                long before = sim.requests().count("GET /2.0/workspaces/{workspace}/members");
                Await.until(Duration.ofSeconds(30), "three more member scans",
                        () -> sim.requests().count("GET /2.0/workspaces/{workspace}/members") >= before + 3);
                assertTrue(users(name).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED),
                        "removed while the listing disagreed with its size");
                // And once the listing agrees again, two complete scans in a row remove them
                sim.faults().clear();
                Await.until(Duration.ofSeconds(30), "the member who left removed",
                        () -> users(name).stream().anyMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                assertEquals(List.of(AssetIds.cloud(leaving.uuid())), users(name).stream()
                        .filter(e -> e.value().getKind() == RawEventKind.REMOVED).map(ConsumerRecord::key).toList());
            }
        }
    }

    @Test
    void pagesWithoutSizeAreAnOrdinaryCompleteListing() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(230)
                .cloudMembersPerWorkspace(4).catalogShare(0).seed(32).build())) {
            sim.inject(Fault.sizeOmitted().onlyFor(Dialect.CLOUD).always());
            String name = unique("size-omitted");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000),
                    List.of(cloud(name, sim, List.of())))) {
                ProfileSync sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS).get(0);
                assertEquals(Outcome.COMPLETE, scan(sync, "repositories").outcome(), sync.toString());
                assertEquals(Outcome.COMPLETE, scan(sync, "users").outcome(), sync.toString());
                assertEquals(3, scan(sync, "repositories").pages());
                assertEquals(230, repositories(name).size());
                assertEquals(4, users(name).size());
            }
        }
    }

    @Test
    void eachWayAListingDisagreesPublishesWhatItShowedAndEndsWithoutRemovals() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(4).cloudRepos(600)
                .cloudMembersPerWorkspace(2).catalogShare(0).seed(33).build())) {
            List<String> slugs = sim.cloud().workspaces().stream().map(w -> w.slug()).toList();
            // Given four workspaces of 150 repositories (two pages each), each listing failing in its own way
            sim.inject(Fault.status(503).on("/2.0/repositories/" + slugs.get(0)).onPage(2).always());
            sim.inject(Fault.nextOnHost("evil.example.com").on("/2.0/repositories/" + slugs.get(1)).always());
            sim.inject(Fault.skips().on("/2.0/repositories/" + slugs.get(2)).onPage(2).always());
            sim.inject(Fault.duplicatesAcrossPages().on("/2.0/repositories/" + slugs.get(3)).onPage(2).always());
            String name = unique("disagree");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000),
                    List.of(cloud(name, sim, List.of())))) {
                ProfileSync sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS).get(0);
                assertTrue(sync.synced(), sync.toString());
                List<String> expectedReasons = List.of("page 2 failed: GET /2.0/repositories/" + slugs.get(0)
                        + " answered 503", "not followed", "announced size 150 but ended after 149",
                        "0 unreadable and 1 duplicate object(s)");
                for (int i = 0; i < slugs.size(); i++) {
                    String slug = slugs.get(i);
                    ScanSummary scan = sync.scans().stream().filter(s -> s.scope().scope().equals(slug)
                            && s.scope().entity().label.equals("repositories")).findFirst().orElseThrow();
                    assertEquals(Outcome.COMPLETE_NO_REMOVALS, scan.outcome(), scan.toLogLine());
                    assertTrue(scan.reason().contains(expectedReasons.get(i)), scan.reason());
                    long published = repositories(name).stream()
                            .filter(e -> e.value().getEnvelope().getScope().equals(slug)).count();
                    // A failed page 2 and a foreign next leave page 1 (100); the skip hides one; the duplicate none.
                    assertEquals(List.of(100L, 100L, 149L, 150L).get(i), published, "published for " + slug);
                    assertEquals(1, warnings(name).stream().filter(l -> l.contains("repositories in scope " + slug)
                            && l.contains("no removals")).count(), "one WARN for " + slug);
                }
            }
        }
    }

    @Test
    void dataCenterPageWithoutNextPageStartEndsTheListingWithItsValuesPublished() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().serverProjects(1)
                .serverRepos(40).serverUsers(3).archivedShare(0).catalogShare(0).seed(34).build())
                .serverLimitCap(25).start()) {
            sim.inject(Fault.missingNext().onlyFor(Dialect.SERVER).on("/rest/api/1.0/projects/[^/]+/repos").always());
            String name = unique("dc-no-next");
            Profile profile = Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(
                    BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)), List.of());
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000), List.of(profile))) {
                ProfileSync sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS).get(0);
                ScanSummary scan = scan(sync, "repositories");
                assertEquals(Outcome.COMPLETE_NO_REMOVALS, scan.outcome(), scan.toLogLine());
                assertTrue(scan.reason().contains("isLastPage false without nextPageStart"), scan.reason());
                assertEquals(25, repositories(name).size());
                assertFalse(sync.failedScopes().contains(scan));
            }
        }
    }

    @Test
    void aListingWhoseFirstPageFailsEndsItsScopeUnavailableWithoutHoldingBackTheOthers() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(2).cloudRepos(20)
                .cloudMembersPerWorkspace(2).catalogShare(0).seed(35).build())) {
            String broken = sim.cloud().workspaces().get(0).slug();
            sim.inject(Fault.status(500).on("/2.0/repositories/" + broken).always());
            String name = unique("unavailable");
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000),
                    List.of(cloud(name, sim, List.of())))) {
                ProfileSync sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS).get(0);
                assertFalse(sync.synced(), sync.toString());
                assertEquals(1, sync.failedScopes().size(), sync.toString());
                assertEquals(Outcome.UNAVAILABLE, sync.failedScopes().get(0).outcome());
                assertEquals(broken, sync.failedScopes().get(0).scope().scope());
                assertEquals(3, sync.scans().stream().filter(ScanSummary::finished).count(), sync.toString());
            }
        }
    }
}
