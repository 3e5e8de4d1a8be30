package dev.bbinv.connector.publish;

/** A batch could not be committed; {@code fatal} means this producer may not publish again (fenced). */
public final class PublishException extends RuntimeException {
    private final boolean fatal;

    public PublishException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }
}
