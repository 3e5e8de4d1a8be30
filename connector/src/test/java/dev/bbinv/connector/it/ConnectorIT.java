package dev.bbinv.connector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
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
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The connector against a real in-process broker and registry, polling a local Bitbucket Cloud stand-in. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ConnectorIT {
    private static final String EMAIL = "ops@acme.com";
    private static final String TOKEN = "ATATT-connector-it-SECRET";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
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
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        config.put("schema.registry.url", TestRegistry.url().toString());
        config.put("transactional.id", transactionalId);
        config.put("poll.interval.ms", "3600000");
        config.put("full.scan.interval.ms", "3600000");
        config.put("retry.max.attempts", "2");
        config.put("retry.backoff.initial.ms", "10");
        config.put("retry.backoff.max.ms", "50");
        config.put("http.timeout.ms", "5000");
        config.putAll(extra);
        return config;
    }

    private static Profile profile(String name, FakeCloud cloud, String token) {
        return Profile.cloud(name, cloud.apiBase().uri(), Credentials.basic(EMAIL, Secret.of(token)), List.of());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> committed(String topic, Class<V> type,
            String profile, Function<V, String> profileOf) {
        List<ConsumerRecord<String, V>> all = TopicReader.readCommitted(topic,
                AvroSerdes.keyDeserializer(TestRegistry.client()), AvroSerdes.valueDeserializer(type, TestRegistry.client()));
        return all.stream().filter(r -> r.value() != null && profile.equals(profileOf.apply(r.value()))).toList();
    }

    private static List<ConsumerRecord<String, RawRepositoryEvent>> repositories(String profile) {
        return committed(Topics.RAW_REPOSITORIES, RawRepositoryEvent.class, profile,
                v -> v.getEnvelope().getProfile());
    }

    private static long firstPageRequests(FakeCloud cloud) {
        return cloud.requestPaths.stream()
                .filter(p -> p.startsWith("/2.0/repositories/acme?") && !p.contains("&page=")).count();
    }

    private static void assertNoRemoval(String profile, String after) {
        assertTrue(repositories(profile).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED),
                "removed after fault " + after);
    }

    private static List<ProfileSync> awaitSync(ConnectorRole role) throws Exception {
        return role.firstCompleteSync().get(90, TimeUnit.SECONDS);
    }

    @Test
    @Order(4)
    void removalGuardRefusesToRemoveMoreThanTheAllowedShare() throws Exception {
        try (FakeCloud cloud = new FakeCloud(100)) {
            cloud.allow(EMAIL, TOKEN);
            List<FakeCloud.Repo> repos = cloud.addWorkspace("acme", 10, T0);
            String name = unique("guard");
            Map<String, Object> settings = config(unique("tx"),
                    Map.of("poll.interval.ms", "200", "full.scan.interval.ms", "200"));
            try (ConnectorRole role = ConnectorRole.start(settings, List.of(profile(name, cloud, TOKEN)))) {
                awaitSync(role);
                repos.subList(0, 6).clear();
                long before = cloud.requestsMatching("/2.0/repositories/acme?");
                Await.until(Duration.ofSeconds(30), "three more complete scans",
                        () -> cloud.requestsMatching("/2.0/repositories/acme?") >= before + 3);
                assertTrue(repositories(name).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().contains("removal guard refused to remove 6 of 10")));
            }
        }
    }

    @Test
    @Order(6)
    void killedMidScanResumesFromItsCheckpointWithExactlyOneEventPerRepository() throws Exception {
        try (FakeCloud cloud = new FakeCloud(50)) {
            cloud.allow(EMAIL, TOKEN);
            cloud.addWorkspace("acme", 250, T0);
            String name = unique("resume");
            String transactionalId = unique("tx");
            cloud.blockedPage.set(3);
            ConnectorRole first = ConnectorRole.start(config(transactionalId, Map.of()), List.of(profile(name, cloud, TOKEN)));
            try {
                assertTrue(cloud.blockArrived.get().await(60, TimeUnit.SECONDS), "page 3 requested");
                // A second instance with the same transactional.id fences the first, as after a crash and restart.
                try (ConnectorRole second = ConnectorRole.start(config(transactionalId, Map.of()),
                        List.of(profile(name, cloud, TOKEN)))) {
                    awaitSync(second);
                    cloud.release.get().countDown();
                    first.close();
                    List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(name);
                    assertEquals(250, events.size());
                    assertEquals(250, events.stream().map(ConsumerRecord::key).distinct().count());
                    assertEquals(1, firstPageRequests(cloud), "page 1 fetched once");
                    assertTrue(LOGS.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Resuming scan")
                            && e.getFormattedMessage().contains(name) && e.getFormattedMessage().contains("after page 2")));
                }
            } finally {
                cloud.release.get().countDown();
                first.close();
            }
        }
    }

    @Test
    @Order(8)
    void aProfileRemovedFromTheFileHasItsAssetsRemoved() throws Exception {
        try (FakeCloud cloud = new FakeCloud(100)) {
            cloud.allow(EMAIL, TOKEN);
            cloud.addWorkspace("acme", 12, T0);
            String kept = unique("kept");
            String dropped = unique("dropped");
            String transactionalId = unique("tx");
            try (ConnectorRole role = ConnectorRole.start(config(transactionalId, Map.of()),
                    List.of(profile(kept, cloud, TOKEN), profile(dropped, cloud, TOKEN)))) {
                awaitSync(role);
            }
            try (ConnectorRole role = ConnectorRole.start(config(transactionalId, Map.of()),
                    List.of(profile(kept, cloud, TOKEN)))) {
                awaitSync(role);
            }
            List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(dropped);
            assertEquals(12, events.stream().filter(e -> e.value().getKind() == RawEventKind.REMOVED
                    && "deleted-profile".equals(e.value().getRemovalReason())).count());
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
