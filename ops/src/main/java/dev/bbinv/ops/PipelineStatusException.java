package dev.bbinv.ops;

/** The pipeline status could not be read (Kafka unreachable or too slow); the message says which and why. */
public final class PipelineStatusException extends RuntimeException {
    public PipelineStatusException(String message, Throwable cause) {
        super(message, cause);
    }
}
