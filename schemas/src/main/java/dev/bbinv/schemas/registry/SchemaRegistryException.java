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

    /**
     * Whether this is the registry being down or refusing us rather than an answer about the schema: no answer,
     * 401/403 (our credentials), 408, 429 (rate limited) or 5xx. Such a failure says nothing about the record, so
     * every role waits and retries instead of dead-lettering it. A 404 for an unknown id is an answer: poison.
     */
    public boolean isOutage() {
        return httpStatus < 0 || httpStatus == 401 || httpStatus == 403 || httpStatus == 408 || httpStatus == 429
                || httpStatus >= 500;
    }

    /** Confluent's {@code error_code} (e.g. 40403 schema not found, 409 incompatible), empty when absent. */
    public OptionalInt errorCode() {
        return errorCode < 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }
}
