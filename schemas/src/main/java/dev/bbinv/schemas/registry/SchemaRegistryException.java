package dev.bbinv.schemas.registry;

import java.util.OptionalInt;

/**
 * A schema registry call that failed: unreachable, refused (with Confluent's error code) or answered nonsense.
 * The message names the registry URL without credentials, the request, and the registry's own explanation.
 */
public final class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    /** A failure without an HTTP answer (unreachable, timed out, unreadable body). */
    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** An HTTP error answer; {@code errorCode} is Confluent's {@code error_code}, or -1 when the body had none. */
    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the registry's answer, empty when there was no answer. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** Confluent's {@code error_code} (e.g. 40403 schema not found, 409 incompatible), empty when absent. */
    public OptionalInt errorCode() {
        return errorCode < 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }
}
