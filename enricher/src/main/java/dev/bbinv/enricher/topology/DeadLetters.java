package dev.bbinv.enricher.topology;

import java.time.Instant;

import dev.bbinv.enricher.state.UnreadableStateException;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.deadletter.DeadLetterBuilder;
import dev.bbinv.schemas.serde.SchemaRegistryUnavailableException;

/** Builds the enricher's dead letters (with the one builder every role shares), and tells a poison record from a
 * failure that retrying will cure. Pure. */
final class DeadLetters {
    static final String STAGE = "enricher";

    private DeadLetters() {}

    static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, Throwable failure,
            Instant failedAt) {
        return DeadLetterBuilder.build(STAGE, topic, partition, offset, key, value, failure, failedAt);
    }

    /**
     * Whether a failure is not the record's fault, so the record must be retried, not parked: a registry that is down
     * or refusing us (no answer, 401, 403, 408, 429, 5xx) is an outage; stored state that cannot be read is the
     * enricher's own problem.
     */
    static boolean notTheRecordsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnreadableStateException) {
                return true;
            }
        }
        return SchemaRegistryUnavailableException.isCause(failure);
    }
}
