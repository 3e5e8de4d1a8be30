package dev.bbinv.schemas.serde;

import java.util.OptionalInt;

import org.apache.kafka.common.errors.SerializationException;

import dev.bbinv.schemas.registry.SchemaRegistryException;

/**
 * A record could not be read because the schema registry is unavailable or refusing us (no answer, 401, 403, 408,
 * 429, 5xx), not because of its bytes: the caller must wait and read it again, never dead-letter it. A
 * {@link SerializationException} so code that only knows Kafka's serde contract still sees a read failure.
 */
public final class SchemaRegistryUnavailableException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final transient SchemaRegistryException registryFailure;

    SchemaRegistryUnavailableException(String message, SchemaRegistryException cause) {
        super(message, cause);
        this.registryFailure = cause;
    }

    /** The registry's HTTP status, empty when it did not answer. */
    public OptionalInt httpStatus() {
        return registryFailure.httpStatus();
    }

    /** Whether {@code failure} or one of its causes is a registry outage rather than something about the record. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException) {
                return true;
            }
            if (t instanceof SchemaRegistryException e) {
                return e.isOutage();
            }
        }
        return false;
    }
}
