package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.spi.ILoggingEvent;
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
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The connector against the project's Bitbucket simulator, a real in-process broker and the registry. */
@Timeout(120)
class SimulatorIT {
    private static final CapturedLogs LOGS = new CapturedLogs();

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
        LOGS.attach();
    }

    /** Runs after every test of the class: no log line of any of them, DEBUG request lines included, holds a secret. */
    @AfterAll
    static void noSecretInAnyLogLine() {
        LOGS.detach();
        for (ILoggingEvent event : LOGS.list) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            for (String secret : List.of(BitbucketSimulator.CLOUD_API_TOKEN, "second-SECRET-token",
                    BitbucketSimulator.SERVER_USER_PASSWORD,
                    java.util.Base64.getEncoder().encodeToString(("second@example.com:second-SECRET-token").getBytes()),
                    java.util.Base64.getEncoder().encodeToString((BitbucketSimulator.CLOUD_EMAIL + ":"
                            + BitbucketSimulator.CLOUD_API_TOKEN).getBytes()))) {
                assertFalse(text.toString().contains(secret), "secret in log line: " + event.getFormattedMessage());
            }
        }
    }


    private static Profile cloud(String name, BitbucketSimulator sim, String email, String token) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(email, Secret.of(token)), List.of());
    }



    /** Sums a counter ("changes", "removals") over the finished-scan lines of a profile's repository scans. */
    private static long logged(String profile, String counter) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(" " + counter + " (\\d+),");
        long sum = 0;
        for (ILoggingEvent event : LOGS.list) {
            String line = event.getFormattedMessage();
            if (line.contains("of profile " + profile + ", repositories")) {
                java.util.regex.Matcher m = pattern.matcher(line);
                if (m.find()) {
                    sum += Long.parseLong(m.group(1));
                }
            }
        }
        return sum;
    }

    private static long removed(String profile) {
        return repositories(profile).stream().filter(e -> e.value().getKind() == RawEventKind.REMOVED).count();
    }

    @Test
    void aConfiguredWorkspaceThatDoesNotExistFailsItsScopeByNameAndDoesNotHoldBackTheFirstSync() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(20)
                .seed(5).build())) {
            String name = unique("missing");
            String existing = sim.cloud().allRepositories().get(0).workspace();
            Profile profile = Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(
                    BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                    List.of(existing, "no-such-ws"));
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000), List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
                List<String> reasons = sync.get(0).failedScopes().stream().map(s -> s.reason()).toList();
                assertTrue(reasons.contains("workspace 'no-such-ws' not found or not visible to this credential"),
                        reasons.toString());
                assertEquals(20, repositories(name).size(), "the existing workspace was still scanned");
                assertEquals(0, removed(name));
                assertTrue(LOGS.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                        && e.getFormattedMessage().contains("of profile " + name + ", repositories in scope no-such-ws")
                        && e.getFormattedMessage().contains("not_found: workspace 'no-such-ws' not found")));
            }
        }
    }

    @Test
    void forbiddenCatalogFilesArePublishedUnreadableWithTheStatusAndALongScanLogsItsProgress() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(250)
                .catalogShare(0.5).seed(13).build())) {
            sim.inject(Fault.status(403).on(".*/src/.*").always());
            sim.codeSearch().disable(404); // probes: every repository's file is asked (and refused)
            String name = unique("forbidden");
            Profile profile = cloud(name, sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN)
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            Map<String, Object> settings = config(3_600_000, 3_600_000);
            settings.put("progress.interval.ms", "1");
            try (ConnectorRole role = ConnectorRole.start(settings, List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
                assertEquals(250, repositories(name).size());
                List<RawCatalogFileEvent> files = TopicReader.readCommitted(Topics.RAW_CATALOG_FILES,
                        AvroSerdes.keyDeserializer(TestRegistry.client()),
                        AvroSerdes.valueDeserializer(RawCatalogFileEvent.class, TestRegistry.client())).stream()
                        .map(ConsumerRecord::value)
                        .filter(v -> v != null && name.equals(v.getEnvelope().getProfile())).toList();
                assertEquals(250, files.size());
                assertTrue(files.stream().allMatch(f -> f.getStatus() == CatalogFileStatus.UNREADABLE
                        && f.getContent() != null && f.getContent().contains("answered 403")), files.get(0).toString());
                String workspace = sim.cloud().allRepositories().get(0).workspace();
                assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(
                        "scan progress of profile " + name + ", repositories in scope " + workspace
                                + ": pages 1, entities 100 of 250, ")
                        && e.getFormattedMessage().contains(" requests left in the budget, about ")),
                        "a progress line after page 1");
            }
        }
    }

    @Test
    void syncsAPagedEstateThenFetchesOnlyChangesAndKeepsARenamedRepositoryAsOneAsset() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(2).cloudRepos(300)
                .catalogShare(0.5).seed(11).build())) {
            String name = unique("sim");
            Profile profile = cloud(name, sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN)
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            try (ConnectorRole role = ConnectorRole.start(config(300, 3_600_000), List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
                List<CloudRepo> all = sim.cloud().allRepositories();
                assertEquals(all.stream().map(r -> AssetIds.cloud(r.uuid())).collect(Collectors.toSet()),
                        repositories(name).stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
                assertEquals(300, repositories(name).size());
                assertEquals(4, sim.requests().count(r -> r.route().equals("GET /2.0/repositories/{workspace}")
                        && (r.query() == null || !r.query().contains("q=updated_on"))), "two pages per workspace");
                List<ConsumerRecord<String, RawCatalogFileEvent>> files = TopicReader.readCommitted(Topics.RAW_CATALOG_FILES,
                        AvroSerdes.keyDeserializer(TestRegistry.client()),
                        AvroSerdes.valueDeserializer(RawCatalogFileEvent.class, TestRegistry.client())).stream()
                        .filter(r -> name.equals(r.value().getEnvelope().getProfile())).toList();
                long withFile = all.stream().filter(r -> r.files().containsKey("catalog-info.yaml")).count();
                assertEquals(withFile, files.stream().filter(f -> f.value().getStatus() == CatalogFileStatus.FOUND).count());
                assertEquals(300 - withFile, files.stream().filter(f -> f.value().getStatus() == CatalogFileStatus.ABSENT).count());

                long filesBefore = files.size();
                CloudRepo touched = all.get(3);
                CloudRepo renamed = all.get(200);
                sim.cloud().touch(touched.uuid());
                sim.cloud().rename(renamed.uuid(), "brand-new-name");
                long changesBefore = logged(name, "changes");
                Await.until(Duration.ofSeconds(30), "the two changed repositories published",
                        () -> logged(name, "changes") >= changesBefore + 2);
                assertEquals(302, repositories(name).size());
                assertEquals(4, sim.requests().count(r -> r.route().equals("GET /2.0/repositories/{workspace}")
                        && (r.query() == null || !r.query().contains("q=updated_on"))), "later scans are incremental");
                List<ConsumerRecord<String, RawRepositoryEvent>> renamedEvents = repositories(name).stream()
                        .filter(e -> e.key().equals(AssetIds.cloud(renamed.uuid()))).toList();
                assertEquals(2, renamedEvents.size());
                assertTrue(renamedEvents.get(1).value().getJson().contains("brand-new-name"));
                assertEquals(filesBefore + 2, TopicReader.readCommitted(Topics.RAW_CATALOG_FILES,
                        AvroSerdes.keyDeserializer(TestRegistry.client()),
                        AvroSerdes.valueDeserializer(RawCatalogFileEvent.class, TestRegistry.client())).stream()
                        .filter(r -> name.equals(r.value().getEnvelope().getProfile())).count(),
                        "catalog files fetched again only for the two changed repositories");
            }
        }
    }

    @Test
    void removesNothingAfterEachInjectedFaultAndRemovesAfterACleanCompleteScan() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(250)
                .catalogShare(0).seed(12).build())) {
            String name = unique("sim-faults");
            String workspace = sim.cloud().workspaces().get(0).slug();
            Profile profile = cloud(name, sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN);
            try (ConnectorRole role = ConnectorRole.start(config(150, 150), List.of(profile))) {
                role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                List<CloudRepo> all = sim.cloud().allRepositories();
                sim.cloud().delete(all.get(7).uuid());
                sim.cloud().delete(all.get(8).uuid());
                String path = "/2.0/repositories/" + workspace;
                List<Fault> faults = List.of(Fault.status(503), Fault.rateLimit(), Fault.missingNext(),
                        Fault.duplicatesAcrossPages(), Fault.nextOnHost("evil.example.com"));
                sim.inject(faults.get(0).on(path).onPage(2).always());
                for (int i = 0; i < faults.size(); i++) {
                    if (i > 0) {
                        sim.faults().clear();
                        sim.inject(faults.get(i).on(path).onPage(2).always());
                    }
                    long before = sim.requests().count("GET /2.0/repositories/{workspace}");
                    Await.until(Duration.ofSeconds(30), "scans under fault " + faults.get(i),
                            () -> sim.requests().count("GET /2.0/repositories/{workspace}") >= before + 4);
                    assertEquals(0, logged(name, "removals"), "removed under fault " + faults.get(i));
                }
                assertEquals(0, removed(name));
                sim.faults().clear();
                Await.until(Duration.ofSeconds(30), "two removals after a clean complete scan",
                        () -> logged(name, "removals") == 2);
                assertEquals(Set.of(AssetIds.cloud(all.get(7).uuid()), AssetIds.cloud(all.get(8).uuid())),
                        repositories(name).stream().filter(e -> e.value().getKind() == RawEventKind.REMOVED)
                                .map(ConsumerRecord::key).collect(Collectors.toSet()));
            }
        }
    }

    @Test
    void dataCenterEstateWithPersonalProjectsArchivedRepositoriesAndAUserFallback() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(3).serverRepos(90).serverPersonalProjects(2)
                        .serverReposPerPersonalProject(2).archivedShare(0.1).serverUsers(12).catalogShare(0).seed(14).build())
                .serverLimitCap(25).start()) {
            String name = unique("sim-dc");
            // The reader may not list /admin/users: the connector falls back to /users.
            Profile profile = Profile.server(name, URI.create(sim.serverBase()),
                    Credentials.basic(BitbucketSimulator.SERVER_USER, Secret.of(BitbucketSimulator.SERVER_USER_PASSWORD)),
                    List.of()).withPersonalProjects(true);
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000), List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
            }
            var all = sim.server().allRepositories();
            List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(name);
            assertEquals(java.util.Arrays.stream(all.all()).map(r -> AssetIds.server(sim.serverBase(), r.id()))
                    .collect(Collectors.toSet()), events.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertEquals(all.all().length, events.size());
            assertTrue(all.archived().length > 0);
            assertEquals(java.util.Arrays.stream(all.archived()).map(r -> AssetIds.server(sim.serverBase(), r.id()))
                    .collect(Collectors.toSet()), events.stream()
                    .filter(e -> "repo-archived".equals(e.value().getRemovalReason())).map(ConsumerRecord::key)
                    .collect(Collectors.toSet()));
            assertTrue(events.stream().anyMatch(e -> e.value().getEnvelope().getScope().startsWith("~")),
                    "personal projects scanned");
            long users = TopicReader.readCommitted(Topics.RAW_USERS, AvroSerdes.keyDeserializer(TestRegistry.client()),
                    AvroSerdes.valueDeserializer(dev.bbinv.schemas.avro.RawUserEvent.class, TestRegistry.client())).stream()
                    .filter(r -> r.value() != null && name.equals(r.value().getEnvelope().getProfile())).count();
            assertEquals(sim.server().users().size(), users);
        }
    }

    /** A clock on which one real second is one hour, so the simulator's hourly budget can be tested in seconds. */
    private static final class HourPerSecondClock extends java.time.Clock {
        private final long startMillis = System.currentTimeMillis();

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(startMillis + (System.currentTimeMillis() - startMillis) * 3600);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void twoProfilesSharingACredentialNeverExceedItsBudgetPerSimulatedHour() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().clock(new HourPerSecondClock())
                .estate(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(30).catalogShare(0.5).seed(15).build())
                .start()) {
            sim.budgets().limit(BitbucketSimulator.CLOUD_EMAIL, 8); // the simulator answers 429 past 8 per its hour
            sim.codeSearch().disable(404); // probes: enough requests to span several budget windows
            Map<String, Object> settings = config(3_600_000, 3_600_000);
            settings.put("request.budget.per.hour", "8");
            // 1.4 real seconds per window against the simulator's 1 s "hour": on a loaded machine a request can reach
            // the simulator a few hundred ms after it took its budget, which must not look like a burst there.
            settings.put("request.budget.window.ms", "1400");
            Profile withCatalog = cloud(unique("budget"), sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN)
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            Profile twin = cloud(unique("budget-twin"), sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN);
            try (ConnectorRole role = ConnectorRole.start(settings, List.of(withCatalog, twin))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                assertTrue(sync.stream().noneMatch(ProfileSync::stopped), sync.toString());
            }
            assertTrue(sim.requests().total() > 30, "requests: " + sim.requests().total());
            assertEquals(0, sim.requests().count(r -> r.status() == 429), "the simulator never had to refuse a request");
        }
    }

    @Test
    void aCredentialRevokedMidScanStopsOnlyItsProfile() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(120).catalogShare(0).seed(13).build())
                .credential(Credential.cloudApiToken("second@example.com", "second-SECRET-token")).start()) {
            String keeps = unique("keeps");
            String loses = unique("loses");
            try (ConnectorRole role = ConnectorRole.start(config(150, 150), List.of(
                    cloud(keeps, sim, BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN),
                    cloud(loses, sim, "second@example.com", "second-SECRET-token")))) {
                role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                sim.cloud().delete(sim.cloud().allRepositories().get(0).uuid());
                sim.credentials().revoke("second@example.com");
                Await.until(Duration.ofSeconds(30), "the revoked profile fails (and retries after auth.retry.backoff.ms)",
                        () -> LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Profile " + loses
                                + ": connection failed") && e.getFormattedMessage().contains("401")));
                long before = sim.requests().countFor(BitbucketSimulator.CLOUD_EMAIL);
                Await.until(Duration.ofSeconds(30), "the other profile goes on",
                        () -> sim.requests().countFor(BitbucketSimulator.CLOUD_EMAIL) >= before + 6);
                Await.until(Duration.ofSeconds(30), "the other profile states the removal",
                        () -> logged(keeps, "removals") == 1);
                assertEquals(1, removed(keeps));
                assertEquals(0, removed(loses), "a stopped profile removes nothing");
            }
        }
    }
}
