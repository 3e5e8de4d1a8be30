package dev.bbinv.enricher.normalize;

/** A raw event that cannot become an asset; its message is the reason recorded in the dead letter queue. */
public final class InvalidRawEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRawEventException(String reason) {
        super(reason);
    }

    public InvalidRawEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
