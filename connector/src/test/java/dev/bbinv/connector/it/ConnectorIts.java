package dev.bbinv.connector.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** What the connector's integration tests share: a connector's settings on the test broker, and its committed events. */
final class ConnectorIts {
    private ConnectorIts() {}

    /** Settings of a connector on the test broker with its own transactional id; quick retries, no pacing. Mutable. */
    static Map<String, Object> config(long pollMs, long fullMs) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        config.put("schema.registry.url", TestRegistry.url().toString());
        config.put("transactional.id", "tx-" + UUID.randomUUID());
        config.put("poll.interval.ms", String.valueOf(pollMs));
        config.put("full.scan.interval.ms", String.valueOf(fullMs));
        config.put("retry.max.attempts", "2");
        config.put("retry.backoff.initial.ms", "10");
        config.put("retry.backoff.max.ms", "50");
        // The simulator does not rate-limit unless a test asks; RateLimitIT paces on purpose.
        config.put("request.rate.per.second", "1000");
        config.put("request.rate.burst", "1000");
        return config;
    }

    /** A profile name no other test of the shared broker uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The committed (read_committed) records of {@code topic} published for {@code profile}. */
    static <V extends SpecificRecord> List<ConsumerRecord<String, V>> committed(String topic, Class<V> type,
            String profile, Function<V, String> profileOf) {
        // Raw keys name sightings (SightingKeys); these tests are about assets, so they read the asset id.
        Deserializer<String> keys = AvroSerdes.keyDeserializer(TestRegistry.client());
        Deserializer<String> assetIds = (t, bytes) -> SightingKeys.assetId(keys.deserialize(t, bytes));
        return TopicReader.readCommitted(topic, assetIds,
                AvroSerdes.valueDeserializer(type, TestRegistry.client())).stream()
                .filter(r -> r.value() != null && profile.equals(profileOf.apply(r.value()))).toList();
    }

    static List<ConsumerRecord<String, RawRepositoryEvent>> repositories(String profile) {
        return committed(Topics.RAW_REPOSITORIES, RawRepositoryEvent.class, profile, v -> v.getEnvelope().getProfile());
    }

    static List<ConsumerRecord<String, RawCatalogFileEvent>> catalogFiles(String profile) {
        return committed(Topics.RAW_CATALOG_FILES, RawCatalogFileEvent.class, profile,
                v -> v.getEnvelope().getProfile());
    }
}
