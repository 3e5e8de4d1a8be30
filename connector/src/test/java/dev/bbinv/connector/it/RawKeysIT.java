package dev.bbinv.connector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;
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
import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The raw-key contract as the running connector writes it: sighting keys, on the partition of the asset id. */
@Timeout(120)
class RawKeysIT {

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
    }

    @Test
    void eventsAreKeyedBySightingOnTheirAssetsPartitionFirstThenSeenThenRemoved() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(2).cloudRepos(40)
                .catalogShare(0.5).seed(41).build())) {
            String name = "keys-" + UUID.randomUUID().toString().substring(0, 8);
            Profile profile = Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(
                    BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of())
                    .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
            CloudRepo touched = sim.cloud().allRepositories().get(5);
            CloudRepo deleted = sim.cloud().allRepositories().get(9);
            try (ConnectorRole role = ConnectorRole.start(ConnectorIts.config(200, 200), List.of(profile))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
                sim.cloud().touch(touched.uuid());
                sim.cloud().delete(deleted.uuid());
                Await.until(Duration.ofSeconds(60), "the touched repository seen again and the deleted one removed",
                        () -> {
                            // One read of the shared topic per look: it holds every other IT's records too.
                            List<ConsumerRecord<String, Object>> records = raw(Topics.RAW_REPOSITORIES, name);
                            return records.stream().anyMatch(r -> r.key().startsWith("sighting|removed|"))
                                    && records.stream().anyMatch(r -> r.key().startsWith("sighting|seen|"));
                        });
            }

            Serializer<String> keys = AvroSerdes.keySerializer(TestRegistry.client());
            for (String topic : List.of(Topics.RAW_REPOSITORIES, Topics.RAW_CATALOG_FILES)) {
                List<ConsumerRecord<String, Object>> records = raw(topic, name);
                assertFalse(records.isEmpty(), topic);
                for (ConsumerRecord<String, Object> r : records) {
                    SightingKeys.Key key = SightingKeys.parse(r.key());
                    RawEnvelope envelope = envelope(r.value());
                    assertEquals(envelope.getProfile(), key.profile(), r.key());
                    assertEquals(envelope.getScope(), key.scope(), r.key());
                    int partitions = partitions(topic);
                    assertEquals(SightingKeys.partition(keys.serialize(topic, key.assetId()), partitions), r.partition(),
                            r.key() + " is not on its asset's partition");
                }
            }
            List<ConsumerRecord<String, Object>> repos = raw(Topics.RAW_REPOSITORIES, name);
            assertEquals(40, repos.stream().filter(r -> r.key().startsWith("sighting|first|")).count(),
                    "one first sighting per repository");
            String touchedId = AssetIds.cloud(touched.uuid());
            assertTrue(repos.stream().anyMatch(r -> r.key().equals(SightingKeys.seen(name, touched.workspace(), touchedId))),
                    "a changed repository the profile knew is keyed seen");
            String deletedId = AssetIds.cloud(deleted.uuid());
            assertTrue(repos.stream().anyMatch(r -> r.key().equals(SightingKeys.removed(name, deleted.workspace(), deletedId))),
                    "the removal has its own key");
        }
    }

    private static List<ConsumerRecord<String, Object>> raw(String topic, String profile) {
        return TopicReader.readCommitted(topic, AvroSerdes.keyDeserializer(TestRegistry.client()),
                (t, bytes) -> bytes == null ? null : (Object) (topic.equals(Topics.RAW_REPOSITORIES)
                        ? AvroSerdes.valueDeserializer(RawRepositoryEvent.class, TestRegistry.client()).deserialize(t, bytes)
                        : AvroSerdes.valueDeserializer(RawCatalogFileEvent.class, TestRegistry.client()).deserialize(t, bytes)))
                .stream().filter(r -> r.value() != null && profile.equals(envelope(r.value()).getProfile())).toList();
    }

    private static int partitions(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        }
    }

    private static RawEnvelope envelope(Object value) {
        return value instanceof RawRepositoryEvent e ? e.getEnvelope() : ((RawCatalogFileEvent) value).getEnvelope();
    }
}
