package dev.bbinv.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * The enricher's second baseline: the work any enricher must do per record and nothing more. It decodes each key and
 * value with the enricher's serdes (Confluent wire format, the registry's writer schema), reads and writes one entry of
 * a cached persistent store per asset id, and encodes and produces one output record. Its sub-topologies and stores
 * are shaped like the enricher's (repository inputs in one, raw users in the other), so both run the same tasks.
 */
final class DecodingBaselineTopology {
    static final String OUTPUT = "bench.decoding-baseline";
    static final String REPOSITORY_STORE = "baseline-repository-state";
    static final String USER_STORE = "baseline-user-state";

    private DecodingBaselineTopology() {}

    static Topology build(SchemaRegistryClient registry) {
        Map<String, Codec<?>> codecs = new HashMap<>();
        for (TopicDescriptor<?> topic : Topics.ENRICHER_INPUTS) {
            codecs.put(topic.name(), codec(topic, registry));
        }
        Deserializer<String> keysIn = Topics.RAW_REPOSITORIES_TOPIC.keyDeserializer(registry);
        Serializer<String> keysOut = Topics.REPOSITORIES_TOPIC.keySerializer(registry);
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        List<String> repositoryInputs = Topics.ENRICHER_INPUTS.stream().map(TopicDescriptor::name)
                .filter(name -> !name.equals(Topics.RAW_USERS_TOPIC.name())).toList();

        Topology topology = new Topology();
        topology.addSource("baseline-repository-inputs", bytesIn, bytesIn, repositoryInputs.toArray(String[]::new))
                .addProcessor("baseline-repositories",
                        () -> new DecodeStoreEncode(REPOSITORY_STORE, codecs, keysIn, keysOut),
                        "baseline-repository-inputs")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPOSITORY_STORE),
                        Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "baseline-repositories")
                .addSink("baseline-repositories-out", OUTPUT, bytesOut, bytesOut, "baseline-repositories");
        topology.addSource("baseline-user-inputs", bytesIn, bytesIn, Topics.RAW_USERS_TOPIC.name())
                .addProcessor("baseline-users", () -> new DecodeStoreEncode(USER_STORE, codecs, keysIn, keysOut),
                        "baseline-user-inputs")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_STORE),
                        Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "baseline-users")
                .addSink("baseline-users-out", OUTPUT, bytesOut, bytesOut, "baseline-users");
        return topology;
    }

    /** One input topic's value serdes: decode to the generated class, encode it again (same subject, same schema). */
    private record Codec<V extends SpecificRecord>(String topic, Deserializer<V> in, Serializer<V> out) {
        byte[] decodeAndEncode(byte[] value) {
            V decoded = in.deserialize(topic, value);
            return decoded == null ? null : out.serialize(topic, decoded);
        }
    }

    private static <V extends SpecificRecord> Codec<V> codec(TopicDescriptor<V> topic, SchemaRegistryClient registry) {
        return new Codec<>(topic.name(), topic.valueDeserializer(registry), topic.valueSerializer(registry));
    }

    /** Per record: decode key and value, one store read and one store write for the asset id, encode, forward. */
    private static final class DecodeStoreEncode implements Processor<byte[], byte[], byte[], byte[]> {
        private final String storeName;
        private final Map<String, Codec<?>> codecs;
        private final Deserializer<String> keysIn;
        private final Serializer<String> keysOut;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, byte[]> store;

        DecodeStoreEncode(String storeName, Map<String, Codec<?>> codecs, Deserializer<String> keysIn,
                Serializer<String> keysOut) {
            this.storeName = storeName;
            this.codecs = codecs;
            this.keysIn = keysIn;
            this.keysOut = keysOut;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String topic = context.recordMetadata().orElseThrow().topic();
            String assetId = SightingKeys.assetId(keysIn.deserialize(topic, record.key()));
            byte[] encoded = codecs.get(topic).decodeAndEncode(record.value());
            byte[] previous = store.get(assetId);
            // The state written is the new encoding; reading it first is what deciding against the old state costs.
            store.put(assetId, encoded == null ? previous : encoded);
            context.forward(record.withKey(keysOut.serialize(OUTPUT, assetId)).withValue(encoded));
        }
    }
}
