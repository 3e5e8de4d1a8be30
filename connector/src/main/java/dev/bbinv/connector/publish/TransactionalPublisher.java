package dev.bbinv.connector.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Commits each {@link Batch} (events plus checkpoints) in one Kafka transaction, so a read_committed consumer sees a
 * page's events exactly when it sees the checkpoint that records them. One producer per connector; thread safe.
 */
public final class TransactionalPublisher implements AutoCloseable {
    private final Properties props;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;
    private final Serializer<String> keys;
    private final Map<String, Serializer<SpecificRecord>> values = new HashMap<>();
    /** Set once the producer is unusable (fenced, not authorised, not recreatable); never cleared. */
    private volatile RuntimeException fatalCause;
    private volatile KnownSightings knownSightings = KnownSightings.ALL;

    public TransactionalPublisher(String bootstrapServers, String transactionalId, SchemaRegistryClient registry,
            Map<String, Object> overrides) {
        this.props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bbinv-connector-" + UUID.randomUUID().toString().substring(0, 8));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(overrides);
        this.keys = Topics.RAW_REPOSITORIES_TOPIC.keySerializer(registry);
        register(Topics.RAW_REPOSITORIES_TOPIC, registry);
        register(Topics.RAW_USERS_TOPIC, registry);
        register(Topics.RAW_CATALOG_FILES_TOPIC, registry);
        register(Topics.RAW_COMMITS_TOPIC, registry);
        register(Topics.CONNECTOR_CHECKPOINTS_TOPIC, registry);
        this.producer = newProducer();
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            // Fences any earlier instance with the same transactional.id and aborts its open transaction.
            created.initTransactions();
            return created;
        } catch (RuntimeException e) {
            created.close(java.time.Duration.ZERO);
            throw e;
        }
    }

    /**
     * Replaces a producer left in a state where it can neither commit nor abort (e.g. after a commit timed out);
     * initTransactions of the new one finishes or aborts whatever the old one left open. Fencing is not recovered
     * from: another instance owns the transactional.id then.
     */
    private void recreate(RuntimeException cause) {
        try {
            producer.close(java.time.Duration.ZERO);
        } catch (RuntimeException closeFailed) {
            cause.addSuppressed(closeFailed);
        }
        try {
            producer = newProducer();
        } catch (ProducerFencedException e) {
            fatalCause = e;
            throw new PublishException("cannot publish any more: " + e.getClass().getSimpleName(), e, true);
        } catch (RuntimeException e) {
            // Without a producer nothing can be published: fatal, the profile's worker stops loudly.
            fatalCause = e;
            throw new PublishException("cannot recreate the transactional producer: " + e.getMessage(), e, true);
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> void register(TopicDescriptor<T> topic, SchemaRegistryClient registry) {
        values.put(topic.name(), (Serializer<SpecificRecord>) topic.valueSerializer(registry));
    }

    /**
     * Tells the publisher which sightings were known before the batch being committed (the connector's checkpoint
     * state, which is updated only after a commit), so the event that begins a sighting gets its own key.
     */
    public void knownSightings(KnownSightings known) {
        this.knownSightings = known;
    }

    /** Sends the batch's events and checkpoints in one transaction; on failure nothing of it becomes visible. */
    public synchronized void commit(Batch batch) {
        if (fatalCause != null) {
            throw new PublishException("this connector was fenced by another instance with the same transactional.id",
                    null, true);
        }
        if (closed) {
            throw new PublishException("the connector is closing", null, false);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            for (Batch.Entry entry : batch.events()) {
                send(entry);
            }
            for (Batch.Entry entry : batch.checkpoints()) {
                send(entry);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            fatalCause = e;
            throw new PublishException("cannot publish any more: " + e.getClass().getSimpleName(), e, true);
        } catch (KafkaException | PublishException | IllegalStateException e) {
            if (fencedCause(e)) {
                // Fenced: reported late and wrapped ("in an error state"), or as an old epoch. Aborting and going on, or
                // recreating the producer, would take the id back from the other connector, and the two would take
                // turns for ever; stopping makes it loud (the process exits for its supervisor).
                fatalCause = e;
                throw new PublishException("cannot publish any more: fenced by another instance", e, true);
            }
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException abortFailed) {
                // e.g. "Cannot attempt operation abortTransaction because previous commitTransaction timed out"
                e.addSuppressed(abortFailed);
                if (!Thread.currentThread().isInterrupted() && !(e instanceof InterruptException)
                        && !(abortFailed instanceof InterruptException)) {
                    recreate(e); // an interrupt means the connector is closing, not that the producer is broken
                }
            }
            throw new PublishException("transaction aborted: " + e.getMessage(), e, false);
        }
    }

    private void send(Batch.Entry entry) {
        byte[] key = keys.serialize(entry.topic(), entry.key());
        Integer partition = null;
        String sightingKey = RawRecordKeys.keyOf(entry.key(), entry.value(), knownSightings);
        if (!sightingKey.equals(entry.key())) {
            // The raw topics' key contract (SightingKeys): the key names the sighting, the partition is the asset's.
            partition = SightingKeys.partition(key, producer.partitionsFor(entry.topic()).size());
            key = keys.serialize(entry.topic(), sightingKey);
        }
        byte[] value = null;
        if (entry.value() != null) {
            Serializer<SpecificRecord> serializer = values.get(entry.topic());
            if (serializer == null) {
                throw new PublishException("the connector does not publish to topic " + entry.topic(), null, false);
            }
            value = serializer.serialize(entry.topic(), entry.value());
        }
        producer.send(new ProducerRecord<>(entry.topic(), partition, key, value));
    }

    private static boolean fencedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Under transactions v2 a producer whose id another instance took sees "produce with an old epoch".
            if (t instanceof ProducerFencedException || t instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    public boolean isFenced() {
        return fatalCause != null;
    }

    /** Whether {@code e} or a cause of it says another producer took this transactional id. */
    public static boolean isFencing(Throwable e) {
        return fencedCause(e);
    }

    /** What made this producer unusable ({@link #isFenced()}): fenced, not authorised, or not recreatable. */
    public java.util.Optional<RuntimeException> fatalCause() {
        return java.util.Optional.ofNullable(fatalCause);
    }

    @Override
    public synchronized void close() {
        closed = true;
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
