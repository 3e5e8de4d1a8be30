package dev.bbinv.connector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScanSummary;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawCommitSummary;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudUser;
import dev.bbinv.sim.estate.CommitHistories.SimCommit;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.sim.estate.ServerUser;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** Commit activity read by the connector from bitbucket-sim (Cloud and Data Center), published on the test broker. */
@Timeout(180)
class CommitActivityIT {
    private static final String CLOUD_COMMITS = "GET /2.0/repositories/{workspace}/{repo_slug}/commits/{revision}";
    private static final String DC_COMMITS = "GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/commits";
    private static final String CLOUD_LISTING = "GET /2.0/repositories/{workspace}";
    private static final Duration WINDOW = Duration.ofDays(90);

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static Profile cloud(String name, BitbucketSimulator sim) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(BitbucketSimulator.CLOUD_EMAIL,
                Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of("acme"));
    }

    private static Profile server(String name, BitbucketSimulator sim) {
        return Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(BitbucketSimulator.SERVER_USER,
                Secret.of(BitbucketSimulator.SERVER_USER_PASSWORD)), List.of());
    }

    /** Every complete scan due at once, so that a restarted connector lists every repository again. */
    private static Map<String, Object> config() {
        return ConnectorIts.config(1_000, 1_000);
    }

    /** Runs a connector until its first complete sync and returns the sync. */
    private static List<ProfileSync> sync(Map<String, Object> config, Profile profile) throws Exception {
        try (ConnectorRole role = ConnectorRole.start(config, List.of(profile))) {
            List<ProfileSync> sync = role.firstCompleteSync().get(120, TimeUnit.SECONDS);
            assertFalse(sync.get(0).stopped(), sync.toString());
            return sync;
        }
    }

    /** A restarted connector with the same checkpoints, once its complete scan is due again. */
    private static List<ProfileSync> syncAgain(Map<String, Object> config, Profile profile) throws Exception {
        Thread.sleep(1_100);
        return sync(config, profile);
    }

    /** The latest committed commit activity per asset id of {@code profile}. */
    private static Map<String, RawCommitActivityEvent> activity(String profile) {
        var keys = AvroSerdes.keyDeserializer(TestRegistry.client());
        List<ConsumerRecord<String, RawCommitActivityEvent>> records = TopicReader.readCommitted(Topics.RAW_COMMITS,
                (t, b) -> keys.deserialize(t, b),
                AvroSerdes.valueDeserializer(RawCommitActivityEvent.class, TestRegistry.client()));
        Map<String, RawCommitActivityEvent> latest = new HashMap<>();
        for (ConsumerRecord<String, RawCommitActivityEvent> r : records) {
            if (r.value() != null && profile.equals(r.value().getEnvelope().getProfile())) {
                SightingKeys.Key key = SightingKeys.parse(r.key());
                assertEquals(SightingKeys.Kind.SEEN, key.kind(), "commit activity is keyed by its sighting");
                latest.put(key.assetId(), r.value());
            }
        }
        return latest;
    }

    /** The simulator's commits inside the window of a read made at {@code fetchedAt}. */
    private static List<String> windowHashes(List<SimCommit> history, Instant fetchedAt) {
        Instant from = fetchedAt.minus(WINDOW);
        return history.stream().takeWhile(c -> !c.date().truncatedTo(ChronoUnit.SECONDS).isBefore(from))
                .map(SimCommit::hash).toList();
    }

    private static List<String> hashes(RawCommitActivityEvent event) {
        return event.getCommits().stream().map(RawCommitSummary::getHash).toList();
    }

    @Test
    void cloudSummariesHaveTheLastCommitAndTheWindowsCommittersLinkedOrNot() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(5).cloudWorkspaces(1)
                .cloudRepos(160).cloudMembersPerWorkspace(8).build())) {
            String name = ConnectorIts.unique("commits-cloud");
            sync(config(), cloud(name, sim));
            Map<String, RawCommitActivityEvent> events = activity(name);
            List<CloudRepo> repos = sim.cloud().repositories("acme");
            assertEquals(repos.size(), events.size(), "one summary per repository");
            int linked = 0, unlinked = 0, empty = 0, cut = 0, multiPage = 0;
            for (CloudRepo r : repos) {
                RawCommitActivityEvent e = events.get(AssetIds.cloud(r.uuid()));
                List<SimCommit> history = sim.cloud().commits(r);
                assertEquals(r.uuid(), e.getRepositorySourceId());
                assertEquals(90, e.getWindowDays());
                assertTrue(e.getWindowComplete());
                if (history.isEmpty()) {
                    // The simulator answers 404 on the main branch of an empty repository, as Bitbucket does
                    empty++;
                    assertNull(e.getBranch());
                    assertNull(e.getLastCommitAt());
                    assertTrue(e.getCommits().isEmpty());
                    continue;
                }
                assertEquals(r.mainbranch(), e.getBranch());
                assertEquals(history.get(0).date().truncatedTo(ChronoUnit.SECONDS), e.getLastCommitAt());
                assertEquals(history.get(0).hash(), e.getLastCommitHash());
                List<String> expected = windowHashes(history, e.getEnvelope().getFetchedAt());
                assertEquals(expected, hashes(e), r.slug());
                cut += expected.size() < history.size() ? 1 : 0;
                multiPage += expected.size() > 100 ? 1 : 0;
                for (int i = 0; i < e.getCommits().size(); i++) {
                    RawCommitSummary s = e.getCommits().get(i);
                    SimCommit c = history.get(i);
                    assertEquals(c.author().raw(), s.getAuthorRaw());
                    assertEquals(c.author().name(), s.getAuthorName());
                    assertEquals(c.author().email(), s.getAuthorEmail());
                    if (c.author().user() instanceof CloudUser u) {
                        linked++;
                        assertEquals(u.uuid(), s.getAuthorUserId());
                        assertEquals(u.nickname(), s.getAuthorUsername());
                        assertEquals(u.displayName(), s.getAuthorDisplayName());
                        assertTrue(s.getAuthorUrl().endsWith("/" + u.uuid() + "/"), s.getAuthorUrl());
                    } else {
                        unlinked++;
                        assertNull(s.getAuthorUserId());
                        assertNull(s.getAuthorUsername());
                    }
                }
            }
            assertTrue(linked > 0 && unlinked > 0 && empty > 0 && cut > 0 && multiPage > 0,
                    "estate coverage: " + linked + " linked, " + unlinked + " unlinked, " + empty + " empty, " + cut
                            + " cut by the window, " + multiPage + " over several pages");
        }
    }

    @Test
    void anUnchangedCloudRepositoryCostsNoCommitRequestOnTheNextCompleteScanAChangedOneDoes() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(9).cloudWorkspaces(1)
                .cloudRepos(30).build())) {
            Map<String, Object> config = config();
            Profile profile = cloud(ConnectorIts.unique("commits-budget"), sim);
            sync(config, profile);
            long nonEmpty = sim.cloud().repositories("acme").stream().filter(r -> !sim.cloud().commits(r).isEmpty())
                    .count();
            assertTrue(sim.requests().count(CLOUD_COMMITS) >= 30, "first scan: every repository read");

            sim.requests().reset();
            syncAgain(config, profile);
            assertTrue(sim.requests().count(CLOUD_LISTING) > 0, "the repositories were listed again");
            assertEquals(0, sim.requests().count(CLOUD_COMMITS), "unchanged: no commit request");

            CloudRepo pushed = sim.cloud().repositories("acme").stream().filter(r -> !sim.cloud().commits(r).isEmpty())
                    .findFirst().orElseThrow();
            sim.cloud().touch(pushed.uuid());
            sim.requests().reset();
            syncAgain(config, profile);
            assertEquals(1, sim.requests().count(CLOUD_COMMITS), "only the pushed repository is read again");
            assertTrue(sim.requests().all().stream().filter(r -> r.route().equals(CLOUD_COMMITS))
                    .allMatch(r -> r.path().contains("/" + pushed.slug() + "/")));
            RawCommitActivityEvent after = activity(profile.name()).get(AssetIds.cloud(pushed.uuid()));
            assertEquals(sim.cloud().repository(pushed.uuid()).updatedOn().truncatedTo(ChronoUnit.SECONDS),
                    after.getLastCommitAt(), "the new tip is published");
            assertTrue(nonEmpty > 0);
        }
    }

    @Test
    void aFailedCommitReadIsSkippedWithoutFailingTheScanAndReadOnTheNextOne() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(9).cloudWorkspaces(1)
                .cloudRepos(30).build())) {
            CloudRepo broken = sim.cloud().repositories("acme").stream()
                    .filter(r -> !sim.cloud().commits(r).isEmpty()).findFirst().orElseThrow();
            sim.inject(Fault.status(500).on("/2.0/repositories/acme/" + broken.slug() + "/commits/.*").always());
            Map<String, Object> config = config();
            Profile profile = cloud(ConnectorIts.unique("commits-fail"), sim);
            List<ProfileSync> sync = sync(config, profile);
            ScanSummary repositories = sync.get(0).scans().stream()
                    .filter(s -> s.scope().entity().label.equals("repositories")).findFirst().orElseThrow();
            assertEquals(ScanSummary.Outcome.COMPLETE, repositories.outcome(), repositories.toLogLine());
            assertEquals(30, ConnectorIts.repositories(profile.name()).size(), "the inventory is whole");
            Map<String, RawCommitActivityEvent> events = activity(profile.name());
            assertEquals(29, events.size());
            assertFalse(events.containsKey(AssetIds.cloud(broken.uuid())));

            sim.faults().clear();
            sim.requests().reset();
            syncAgain(config, profile);
            assertEquals(1, sim.requests().count(CLOUD_COMMITS), "only the failed repository is read again");
            assertEquals(sim.cloud().commits(broken).get(0).hash(),
                    activity(profile.name()).get(AssetIds.cloud(broken.uuid())).getLastCommitHash());
        }
    }

    @Test
    void repositoriesAreReadInParallelUpToTheConcurrencySetting() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(9).cloudWorkspaces(1)
                .cloudRepos(30).build())) {
            // The first 8 commit requests answer 300 ms late: one after another they would be 300 ms apart at least.
            sim.inject(Fault.delay(Duration.ofMillis(300)).on("/2.0/repositories/.*/commits/.*").times(8));
            Map<String, Object> config = config();
            config.put("commits.read.concurrency", "4");
            String name = ConnectorIts.unique("commits-pool");
            sync(config, cloud(name, sim));
            List<Instant> first = sim.requests().all().stream().filter(r -> r.route().equals(CLOUD_COMMITS))
                    .map(r -> r.at()).sorted().limit(8).toList();
            long closest = Long.MAX_VALUE;
            for (int i = 1; i < first.size(); i++) {
                closest = Math.min(closest, Duration.between(first.get(i - 1), first.get(i)).toMillis());
            }
            assertTrue(closest < 150, "delayed reads " + closest + " ms apart at the closest: not in parallel");
            assertEquals(30, activity(name).size());
        }
    }

    @Test
    void cloudPageCapCutsTheWindowAndSaysSo() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(5).cloudWorkspaces(1)
                .cloudRepos(160).cloudMembersPerWorkspace(8).build())) {
            Map<String, Object> config = config();
            config.put("commits.max.pages", "1");
            String name = ConnectorIts.unique("commits-cap");
            sync(config, cloud(name, sim));
            Map<String, RawCommitActivityEvent> events = activity(name);
            int capped = 0;
            for (CloudRepo r : sim.cloud().repositories("acme")) {
                RawCommitActivityEvent e = events.get(AssetIds.cloud(r.uuid()));
                List<String> window = windowHashes(sim.cloud().commits(r), e.getEnvelope().getFetchedAt());
                if (window.size() > 100) {
                    capped++;
                    assertFalse(e.getWindowComplete());
                    assertEquals(window.subList(0, 100), hashes(e));
                } else {
                    assertTrue(e.getWindowComplete(), r.slug());
                }
            }
            assertTrue(capped > 0, "a repository with more than one page in the window");
        }
    }

    @Test
    void dataCenterSummariesAndTheRefreshInterval() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(3).serverProjects(1)
                .serverRepos(60).serverUsers(12).noDefaultBranchShare(0.1).archivedShare(0).build())) {
            Map<String, Object> config = config();
            Profile profile = server(ConnectorIts.unique("commits-dc"), sim);
            sync(config, profile);
            Map<String, RawCommitActivityEvent> events = activity(profile.name());
            ServerRepo[] repos = sim.server().allRepositories().all();
            assertEquals(repos.length, events.size());
            int noBranch = 0, linked = 0, unlinked = 0;
            for (ServerRepo r : repos) {
                RawCommitActivityEvent e = events.get(AssetIds.server(sim.serverBase(), r.id()));
                List<SimCommit> history = sim.server().commits(r);
                if (r.defaultBranch() == null) {
                    noBranch++;
                    assertNull(e.getBranch());
                    assertNull(e.getLastCommitAt());
                    assertTrue(e.getCommits().isEmpty() && e.getWindowComplete());
                    continue;
                }
                assertEquals(r.defaultBranch(), e.getBranch());
                assertEquals(history.get(0).date().truncatedTo(ChronoUnit.SECONDS), e.getLastCommitAt());
                assertEquals(windowHashes(history, e.getEnvelope().getFetchedAt()), hashes(e));
                for (int i = 0; i < e.getCommits().size(); i++) {
                    RawCommitSummary s = e.getCommits().get(i);
                    if (history.get(i).author().user() instanceof ServerUser u) {
                        linked++;
                        assertEquals(String.valueOf(u.id()), s.getAuthorUserId());
                        assertEquals(u.slug(), s.getAuthorUsername());
                        assertEquals(u.emailAddress(), s.getAuthorEmail());
                        assertEquals(u.name() + " <" + u.emailAddress() + ">", s.getAuthorRaw());
                    } else {
                        unlinked++;
                        assertNull(s.getAuthorUserId());
                        assertEquals(history.get(i).author().raw(), s.getAuthorRaw());
                    }
                }
            }
            assertTrue(noBranch > 0 && linked > 0 && unlinked > 0, noBranch + "/" + linked + "/" + unlinked);
            // Every repository's commits are asked for, an empty one's too (no default branch named: it answers none)
            assertEquals(repos.length, sim.requests().all().stream().filter(r -> r.route().equals(DC_COMMITS))
                    .map(r -> r.path()).collect(Collectors.toSet()).size(), "each repository's commits read");

            sim.requests().reset();
            syncAgain(config, profile);
            assertTrue(sim.requests().count("GET /rest/api/1.0/projects/{projectKey}/repos") > 0);
            assertEquals(0, sim.requests().count(DC_COMMITS), "within commits.refresh.interval.ms: no commit read");

            config.put("commits.refresh.interval.ms", "1");
            sim.requests().reset();
            syncAgain(config, profile);
            assertEquals(repos.length, sim.requests().all().stream().filter(r -> r.route().equals(DC_COMMITS))
                    .map(r -> r.path()).collect(Collectors.toSet()).size(), "past the interval: each read again");
        }
    }

    @Test
    void dataCenterWhoseListingDoesNotNameTheDefaultBranchIsReadFromItsTip() throws Exception {
        // Given: an instance whose repositories carry no defaultBranch (the 9.2 spec marks it write-only; the
        // simulator leaves it out below version 9), with empty repositories among them
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().seed(5).serverProjects(1)
                .serverRepos(40).serverUsers(6).noDefaultBranchShare(0.1).archivedShare(0).build())
                .serverVersion("8.19.0").start()) {
            Profile profile = server(ConnectorIts.unique("commits-dc8"), sim);

            sync(config(), profile);

            // Then every repository's commits were read without until, and each event holds its history
            Map<String, RawCommitActivityEvent> events = activity(profile.name());
            ServerRepo[] repos = sim.server().allRepositories().all();
            assertEquals(repos.length, events.size());
            assertTrue(sim.requests().all().stream().filter(r -> r.route().equals(DC_COMMITS))
                    .noneMatch(r -> r.query() != null && r.query().contains("until=")), "no branch named");
            int withHistory = 0;
            for (ServerRepo r : repos) {
                RawCommitActivityEvent e = events.get(AssetIds.server(sim.serverBase(), r.id()));
                List<SimCommit> history = sim.server().commits(r);
                assertNull(e.getBranch(), "the listing did not name it");
                if (history.isEmpty()) {
                    assertNull(e.getLastCommitAt(), r.slug());
                    assertTrue(e.getCommits().isEmpty() && e.getWindowComplete(), r.slug());
                    continue;
                }
                withHistory++;
                assertEquals(history.get(0).date().truncatedTo(ChronoUnit.SECONDS), e.getLastCommitAt(), r.slug());
                assertEquals(windowHashes(history, e.getEnvelope().getFetchedAt()), hashes(e), r.slug());
            }
            assertTrue(withHistory > 0 && withHistory < repos.length, withHistory + " of " + repos.length);
        }
    }
}
