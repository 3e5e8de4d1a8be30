package dev.bbinv.app;

import java.util.Properties;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;

/**
 * Writes raw events the way the release before the sighting-key contract did (TransactionalPublisher of 6b018a2):
 * key = the asset id, partition left to Kafka's default partitioner, one transaction per event.
 */
final class V1RawWriter implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final SchemaRegistryClient registry;

    V1RawWriter(String bootstrap, SchemaRegistryClient registry) {
        this.registry = registry;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "v1-connector-" + UUID.randomUUID());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void send(String topic, String assetId, T event) {
        byte[] key = AvroSerdes.keySerializer(registry).serialize(topic, assetId);
        byte[] value = AvroSerdes.valueSerializer((Class<T>) event.getClass(), registry).serialize(topic, event);
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }
}
