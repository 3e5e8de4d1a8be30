package dev.bbinv.enricher.topology;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;

import dev.bbinv.enricher.normalize.InvalidRawEventException;
import dev.bbinv.enricher.state.UnreadableStateException;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.registry.SchemaRegistryException;

/** Builds dead letters, and tells a poison record from a failure that retrying will cure. Pure. */
final class DeadLetters {
    static final String STAGE = "enricher";
    /** Payloads above this are not copied into the dead letter, so it always fits in one Kafka request. */
    static final int MAX_COPIED_BYTES = 256 * 1024;

    private DeadLetters() {}

    static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, Throwable failure,
            Instant failedAt) {
        String reason = reason(failure);
        if (value != null && value.length > MAX_COPIED_BYTES) {
            reason = reason + " (value of " + value.length + " bytes not copied; read it at the source offset)";
        }
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setStage(STAGE)
                .setReason(reason)
                .setExceptionClass(failure.getClass().getName())
                .setKey(key == null || key.length > MAX_COPIED_BYTES ? null : ByteBuffer.wrap(key))
                .setValue(value == null || value.length > MAX_COPIED_BYTES ? null : ByteBuffer.wrap(value))
                .setFailedAt(failedAt)
                .build();
    }

    static String reason(Throwable failure) {
        if (failure instanceof InvalidRawEventException || failure instanceof SerializationException) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Whether a failure is not the record's fault, so the record must be retried, not parked: a registry that cannot
     * be reached or answers 5xx is an outage; stored state that cannot be read is the enricher's own problem.
     */
    static boolean notTheRecordsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnreadableStateException) {
                return true;
            }
            if (t instanceof SchemaRegistryException e) {
                return e.httpStatus().isEmpty() || e.httpStatus().getAsInt() >= 500;
            }
        }
        return false;
    }
}
