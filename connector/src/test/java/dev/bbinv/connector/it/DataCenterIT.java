package dev.bbinv.connector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The connector against a Data Center stand-in, a real in-process broker and the registry. */
@Timeout(120)
class DataCenterIT {
    private static final String USER = "svc-inventory";
    private static final String TOKEN = "BBDC-token-SECRET";

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static Map<String, Object> config(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        config.put("schema.registry.url", TestRegistry.url().toString());
        config.put("transactional.id", "tx-" + UUID.randomUUID());
        config.put("poll.interval.ms", "3600000");
        config.put("full.scan.interval.ms", "3600000");
        config.put("retry.max.attempts", "2");
        config.put("retry.backoff.initial.ms", "10");
        config.put("retry.backoff.max.ms", "50");
        config.putAll(extra);
        return config;
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, V>> committed(
            String topic, Class<V> type, String profile, java.util.function.Function<V, String> profileOf) {
        return TopicReader.readCommitted(topic, AvroSerdes.keyDeserializer(TestRegistry.client()),
                AvroSerdes.valueDeserializer(type, TestRegistry.client())).stream()
                .filter(r -> r.value() != null && profile.equals(profileOf.apply(r.value()))).toList();
    }

    private static List<ConsumerRecord<String, RawRepositoryEvent>> repositories(String profile) {
        return committed(Topics.RAW_REPOSITORIES, RawRepositoryEvent.class, profile, v -> v.getEnvelope().getProfile());
    }

    @Test
    void pagesByNextPageStartMarksArchivedRepositoriesAndFallsBackToUsers() throws Exception {
        try (FakeDataCenter dc = new FakeDataCenter(USER, TOKEN, 10)) {
            dc.projects.put("PLAT", FakeDataCenter.repos(1, 30, 10));
            dc.projects.put("WEB", FakeDataCenter.repos(1001, 25, 0));
            String name = "dc-" + UUID.randomUUID().toString().substring(0, 8);
            Profile profile = Profile.server(name, dc.base().uri(), Credentials.basic(USER, Secret.of(TOKEN)), List.of())
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            try (ConnectorRole role = ConnectorRole.start(config(Map.of()), List.of(profile))) {
                assertTrue(!role.firstCompleteSync().get(90, TimeUnit.SECONDS).get(0).stopped());
            }
            List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(name);
            assertEquals(55, events.size());
            assertTrue(events.stream().anyMatch(e -> e.key().equals(AssetIds.server(dc.baseText(), 1001))));
            List<ConsumerRecord<String, RawRepositoryEvent>> archived = events.stream()
                    .filter(e -> e.value().getKind() == RawEventKind.REMOVED).toList();
            assertEquals(Set.of(AssetIds.server(dc.baseText(), 10), AssetIds.server(dc.baseText(), 20),
                    AssetIds.server(dc.baseText(), 30)), archived.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertTrue(archived.stream().allMatch(e -> "repo-archived".equals(e.value().getRemovalReason())
                    && e.value().getJson().contains("\"archived\":true")));
            assertTrue(dc.requestsMatching("/rest/api/1.0/projects/PLAT/repos?limit=1000&start=100") == 1,
                    "continued from nextPageStart 100: " + dc.requestPaths);
            List<ConsumerRecord<String, RawUserEvent>> users = committed(Topics.RAW_USERS, RawUserEvent.class, name,
                    v -> v.getEnvelope().getProfile());
            assertEquals(4, users.size());
            assertEquals("*", users.get(0).value().getEnvelope().getScope());
            List<ConsumerRecord<String, RawCatalogFileEvent>> files = committed(Topics.RAW_CATALOG_FILES,
                    RawCatalogFileEvent.class, name, v -> v.getEnvelope().getProfile());
            assertEquals(52, files.size(), "no catalog fetch for archived repositories");
            assertTrue(files.stream().anyMatch(f -> f.value().getStatus() == CatalogFileStatus.ABSENT));
        }
    }

    @Test
    void aPageWithoutNextPageStartRemovesNothingUntilAFullListingSucceeds() throws Exception {
        try (FakeDataCenter dc = new FakeDataCenter(USER, TOKEN, 10)) {
            List<FakeDataCenter.Repo> repos = FakeDataCenter.repos(1, 40, 0);
            dc.projects.put("PLAT", repos);
            String name = "dc-" + UUID.randomUUID().toString().substring(0, 8);
            Profile profile = Profile.server(name, dc.base().uri(), Credentials.basic(USER, Secret.of(TOKEN)), List.of());
            try (ConnectorRole role = ConnectorRole.start(config(Map.of("poll.interval.ms", "200",
                    "full.scan.interval.ms", "200")), List.of(profile))) {
                role.firstCompleteSync().get(90, TimeUnit.SECONDS);
                dc.omitNextPageStart.set(true);
                FakeDataCenter.Repo gone = repos.remove(35);
                long before = dc.requestsMatching("/projects/PLAT/repos");
                Await.until(Duration.ofSeconds(30), "several scans cut short",
                        () -> dc.requestsMatching("/projects/PLAT/repos") >= before + 4);
                assertTrue(repositories(name).stream().noneMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                dc.omitNextPageStart.set(false);
                Await.until(Duration.ofSeconds(30), "removal after a complete listing",
                        () -> repositories(name).stream().anyMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                List<ConsumerRecord<String, RawRepositoryEvent>> removed = repositories(name).stream()
                        .filter(e -> e.value().getKind() == RawEventKind.REMOVED).toList();
                assertEquals(1, removed.size());
                assertEquals(AssetIds.server(dc.baseText(), gone.id()), removed.get(0).key());
                assertEquals("repo-deleted", removed.get(0).value().getRemovalReason());
            }
        }
    }
}
