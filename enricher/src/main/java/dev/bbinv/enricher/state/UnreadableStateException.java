package dev.bbinv.enricher.state;

/** The enricher's stored state cannot be read: not a record's fault, so the task fails instead of dead-lettering. */
public final class UnreadableStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UnreadableStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
