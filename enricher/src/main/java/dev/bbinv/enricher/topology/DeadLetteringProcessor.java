package dev.bbinv.enricher.topology;

import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.schemas.avro.DeadLetter;

/**
 * The part every enricher processor shares: it reads bytes, lets the subclass decode and decide, writes the new state
 * only when its bytes changed, forwards the asset if there is one, and parks a record that cannot be decoded or
 * processed in the dead letter queue with its source topic, partition and offset, counting it.
 */
abstract class DeadLetteringProcessor<A> implements Processor<byte[], byte[], String, Object> {
    /** Metric (group {@code stream-enricher-metrics}) counting dead letters: {@code dead-letter-total}. */
    static final String DEAD_LETTER_OPERATION = "dead-letter";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringProcessor.class);

    private final RecordDecoder decoder;
    private final String storeName;
    private final String assetSink;
    private final String deadLetterSink;
    protected ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
    private Sensor deadLetters;
    /** Assets whose states this processor last read or wrote: about 10 MB of them. */
    static final int DECODED_STATES = 4_096;
    private final DecodedStates decoded = new DecodedStates(DECODED_STATES);

    /**
     * What processing one record decided: the store key, new state bytes, the asset to write (or null), and the new
     * state itself when its bytes decode to it (kept for the asset's next record; null: decode it again).
     */
    protected record Outcome<A>(String key, byte[] state, A asset, Object decodedState) {
        Outcome(String key, byte[] state, A asset) {
            this(key, state, asset, null);
        }
    }

    DeadLetteringProcessor(RecordDecoder decoder, String storeName, String assetSink, String deadLetterSink) {
        this.decoder = decoder;
        this.storeName = storeName;
        this.assetSink = assetSink;
        this.deadLetterSink = deadLetterSink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.deadLetters = sensor(context, DEAD_LETTER_OPERATION);
        // A restarted task (after a failure, under exactly-once) holds what its changelog restored, nothing newer.
        decoded.clear();
    }

    @Override
    public void close() {
        decoded.clear();
    }

    /** Decodes and processes one record against the stored state (null when none); null when nothing changes. */
    protected abstract Outcome<A> decide(String topic, byte[] key, byte[] value, StateLookup lookup);

    /** Gives the stored state bytes of an asset id, or the state they decode to. */
    protected interface StateLookup {
        byte[] get(String key);

        /** The stored state of {@code key} decoded by {@code decode}; null when none is stored. */
        <S> S decoded(String key, java.util.function.Function<byte[], S> decode);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        RememberingLookup lookup = new RememberingLookup(store, decoded);
        Outcome<A> outcome;
        try {
            outcome = decide(meta.topic(), record.key(), record.value(), lookup);
        } catch (RuntimeException e) {
            if (DeadLetters.notTheRecordsFault(e)) {
                // Fail the task rather than retry in place: under exactly-once nothing of this record was written,
                // the stream thread is replaced after ThreadFailurePolicy's backoff and re-reads it from the last
                // commit, and a long outage cannot block a poll past max.poll.interval.ms and cost a rebalance.
                throw e;
            }
            deadLetter(record, meta, e);
            return;
        }
        if (outcome == null) {
            return;
        }
        // Outside the try: a failure to store or write is not the record's fault and must not park it.
        if (outcome.state() != null && !Arrays.equals(outcome.state(), lookup.get(outcome.key()))) {
            store.put(outcome.key(), outcome.state());
            decoded.written(outcome.key(), outcome.state(), outcome.decodedState());
        }
        if (outcome.asset() != null) {
            context.forward(new Record<>(outcome.key(), (Object) outcome.asset(), record.timestamp()), assetSink);
        }
        applied(outcome);
    }

    /** Called after an outcome's state was stored and its asset forwarded: for indexes kept beside the state. */
    protected void applied(Outcome<A> outcome) {}

    /** The state store of this processor's assets. */
    protected KeyValueStore<String, byte[]> store() {
        return store;
    }

    /** Writes {@code bytes} as the state of {@code key} outside {@link #process} (a punctuation). */
    protected void putState(String key, byte[] bytes) {
        store.put(key, bytes);
        decoded.forget(key);
    }

    /**
     * Reads the store once per key and record (the state read to decide is the state compared before writing), or
     * not at all when the asset's state is still held decoded.
     */
    private static final class RememberingLookup implements StateLookup {
        private final KeyValueStore<String, byte[]> store;
        private final DecodedStates decoded;
        private String key;
        private byte[] bytes;

        RememberingLookup(KeyValueStore<String, byte[]> store, DecodedStates decoded) {
            this.store = store;
            this.decoded = decoded;
        }

        @Override
        public byte[] get(String wanted) {
            if (key == null || !key.equals(wanted)) {
                key = wanted;
                DecodedStates.Entry held = decoded.get(wanted);
                bytes = held != null ? held.bytes() : store.get(wanted);
            }
            return bytes;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> S decoded(String wanted, java.util.function.Function<byte[], S> decode) {
            DecodedStates.Entry held = decoded.get(wanted);
            if (held != null) {
                key = wanted;
                bytes = held.bytes();
                return (S) held.decoded();
            }
            byte[] stored = get(wanted);
            if (stored == null) {
                return null;
            }
            S state = decode.apply(stored);
            decoded.written(wanted, stored, state);
            return state;
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, RuntimeException e) {
        DeadLetter letter = DeadLetters.of(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value(),
                e, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        LOG.warn("Dead-lettered {}-{}@{}: {}", meta.topic(), meta.partition(), meta.offset(), letter.getReason());
        deadLetters.record();
        context.forward(new Record<>(keyText(meta.topic(), record.key()), (Object) letter, record.timestamp()),
                deadLetterSink);
    }

    /** The dead letter's key: the asset id when the key can be read, else none (its bytes are in the value). */
    private String keyText(String topic, byte[] key) {
        try {
            return key == null ? null : decoder.keys.deserialize(topic, key);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A counter in Kafka Streams' own metrics, so the usual JMX and {@code KafkaStreams.metrics()} show it. */
    static Sensor sensor(ProcessorContext<?, ?> context, String operation) {
        return context.metrics().addRateTotalSensor("enricher", context.taskId().toString(), operation,
                Sensor.RecordingLevel.INFO);
    }
}
