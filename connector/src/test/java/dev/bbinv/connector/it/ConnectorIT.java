package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/** The connector against the Cloud dialect of bitbucket-sim, a real in-process broker and the registry. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ConnectorIT {
    private static final String EMAIL = BitbucketSimulator.CLOUD_EMAIL;
    private static final String TOKEN = BitbucketSimulator.CLOUD_API_TOKEN;
    private static final String LISTING = "GET /2.0/repositories/{workspace}";
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

    private static Map<String, Object> config(String transactionalId, Map<String, Object> extra) {
        Map<String, Object> config = ConnectorIts.config(3_600_000, 3_600_000);
        config.put("transactional.id", transactionalId);
        config.put("http.timeout.ms", "5000");
        config.putAll(extra);
        return config;
    }

    private static Profile profile(String name, BitbucketSimulator sim) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(EMAIL, Secret.of(TOKEN)), List.of());
    }




    /** Full listings only: the first page of a repository listing without an {@code updated_on} filter. */
    private static long fullListingsStarted(BitbucketSimulator sim) {
        return sim.requests().count(r -> r.route().equals(LISTING) && !r.query().matches("(.*&)?q=.*")
                && !r.query().matches("(.*&)?page=.*"));
    }

    private static long pageThreeRequests(BitbucketSimulator sim) {
        return sim.requests().count(r -> r.route().equals(LISTING) && r.query().matches("(.*&)?page=3(&.*)?"));
    }

    private static Set<String> keys(List<CloudRepo> repos) {
        return repos.stream().map(r -> AssetIds.cloud(r.uuid())).collect(Collectors.toSet());
    }

    private static List<ProfileSync> awaitSync(ConnectorRole role) throws Exception {
        return role.firstCompleteSync().get(90, TimeUnit.SECONDS);
    }

    @Test
    @Order(4)
    void removalGuardRefusesToRemoveMoreThanTheAllowedShare() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(10)
                .catalogShare(0).seed(31).build())) {
            String name = unique("guard");
            Map<String, Object> settings = config(unique("tx"),
                    Map.of("poll.interval.ms", "200", "full.scan.interval.ms", "200"));
            try (ConnectorRole role = ConnectorRole.start(settings, List.of(profile(name, sim)))) {
                awaitSync(role);
                assertEquals(10, repositories(name).size());
                List.copyOf(sim.cloud().allRepositories()).subList(0, 6).forEach(r -> sim.cloud().delete(r.uuid()));
                long before = fullListingsStarted(sim);
                Await.until(Duration.ofSeconds(30), "three more complete scans",
                        () -> fullListingsStarted(sim) >= before + 3);
                assertTrue(repositories(name).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().contains(
                        "removal guard refused to remove 6 of 10")));
            }
        }
    }

    @Test
    @Order(5)
    void removalGuardAllowsExactlyTheConfiguredShareAndRefusesOneMore() throws Exception {
        // A quarter of 8 is exactly 2 and a quarter of 6 is 1.5: both exact in binary, so only > versus >= and the
        // setting itself decide. With the default 0.5 both deletions would be removed.
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(8)
                .catalogShare(0).seed(34).build())) {
            String name = unique("share");
            Map<String, Object> settings = config(unique("tx"), Map.of("poll.interval.ms", "200",
                    "full.scan.interval.ms", "200", "removal.max.share", "0.25"));
            try (ConnectorRole role = ConnectorRole.start(settings, List.of(profile(name, sim)))) {
                awaitSync(role);
                assertEquals(8, repositories(name).size());
                List<CloudRepo> all = List.copyOf(sim.cloud().allRepositories());
                all.subList(0, 2).forEach(r -> sim.cloud().delete(r.uuid()));
                Await.until(Duration.ofSeconds(30), "2 of 8 (exactly the share) removed",
                        () -> removedKeys(name).size() == 2);
                assertEquals(keys(all.subList(0, 2)), removedKeys(name));

                all.subList(2, 4).forEach(r -> sim.cloud().delete(r.uuid()));
                long before = fullListingsStarted(sim);
                Await.until(Duration.ofSeconds(30), "three more complete scans",
                        () -> fullListingsStarted(sim) >= before + 3);
                assertEquals(keys(all.subList(0, 2)), removedKeys(name), "2 of 6 is more than 0.25: nothing removed");
                assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().contains(
                        "removal guard refused to remove 2 of 6 known, more than the allowed share 0.25")));
            }
        }
    }

    private static Set<String> removedKeys(String profile) {
        return repositories(profile).stream().filter(e -> e.value().getKind() == RawEventKind.REMOVED)
                .map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    @Test
    @Order(6)
    void killedMidScanResumesFromItsCheckpointWithExactlyOneEventPerRepository() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(250)
                .catalogShare(0).seed(32).build())) {
            String workspace = sim.cloud().workspaces().get(0).slug();
            String name = unique("resume");
            String transactionalId = unique("tx");
            // Pages hold 100 repositories: pages 1 and 2 are committed, then page 3 hangs in the simulator.
            sim.inject(Fault.delay(Duration.ofSeconds(8)).on("/2.0/repositories/" + workspace).onPage(3));
            Map<String, Object> patient = config(transactionalId, Map.of("http.timeout.ms", "30000"));
            ConnectorRole first = ConnectorRole.start(patient, List.of(profile(name, sim)));
            try {
                Await.until(Duration.ofSeconds(60), "page 3 requested and held",
                        () -> sim.faults().remaining(Fault.Kind.DELAY) == 0);
                Await.until(Duration.ofSeconds(30), "two pages committed before the kill",
                        () -> repositories(name).size() == 200);
                // A second instance with the same transactional.id fences the first, as after a crash and restart.
                try (ConnectorRole second = ConnectorRole.start(config(transactionalId, Map.of()),
                        List.of(profile(name, sim)))) {
                    List<ProfileSync> sync = awaitSync(second);
                    assertFalse(sync.get(0).stopped(), sync.toString());
                    first.close();
                    List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(name);
                    assertEquals(250, events.size(), "no duplicate");
                    assertEquals(keys(sim.cloud().allRepositories()),
                            events.stream().map(ConsumerRecord::key).collect(Collectors.toSet()), "no gap");
                    assertEquals(1, fullListingsStarted(sim), "page 1 fetched once: the restart resumed");
                    // The held request is logged once the simulator answers it, even to a client that is gone.
                    Await.until(Duration.ofSeconds(30), "page 3 asked by the killed instance and again by its successor",
                            () -> pageThreeRequests(sim) >= 2);
                    assertEquals(2, pageThreeRequests(sim));
                    assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Resuming scan")
                            && e.getFormattedMessage().contains(name) && e.getFormattedMessage().contains("after page 2")));
                }
            } finally {
                first.close();
            }
        }
    }

    @Test
    @Order(8)
    void aProfileRemovedFromTheFileHasItsAssetsRemoved() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(12)
                .cloudMembersPerWorkspace(2).catalogShare(0).seed(33).build())) {
            String kept = unique("kept");
            String dropped = unique("dropped");
            String transactionalId = unique("tx");
            try (ConnectorRole role = ConnectorRole.start(config(transactionalId, Map.of()),
                    List.of(profile(kept, sim), profile(dropped, sim)))) {
                awaitSync(role);
            }
            // No grace period: the removals are stated at start (ProfileChangesIT covers the grace period).
            try (ConnectorRole role = ConnectorRole.start(config(transactionalId,
                    Map.of("profile.removal.grace.ms", "0")), List.of(profile(kept, sim)))) {
                awaitSync(role);
            }
            List<ConsumerRecord<String, RawRepositoryEvent>> removed = repositories(dropped).stream()
                    .filter(e -> e.value().getKind() == RawEventKind.REMOVED).toList();
            assertEquals(keys(sim.cloud().allRepositories()), removed.stream().map(ConsumerRecord::key)
                    .collect(Collectors.toSet()));
            assertEquals(12, removed.size());
            assertTrue(removed.stream().allMatch(e -> "deleted-profile".equals(e.value().getRemovalReason())));
            assertEquals(2, committed(Topics.RAW_USERS, RawUserEvent.class, dropped, v -> v.getEnvelope().getProfile())
                    .stream().filter(e -> e.value().getKind() == RawEventKind.REMOVED).count());
            assertTrue(repositories(kept).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
        }
    }

    @Test
    @Order(100)
    void noSecretInAnyLogLine() {
        assertFalse(LOGS.list.isEmpty());
        List<String> forbidden = List.of(TOKEN, Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes()));
        for (ILoggingEvent event : LOGS.list) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            for (String secret : forbidden) {
                assertFalse(text.toString().contains(secret), "secret in log line: " + event.getFormattedMessage());
            }
        }
        assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("GET /2.0/")),
                "DEBUG request lines were captured too");
    }
}
