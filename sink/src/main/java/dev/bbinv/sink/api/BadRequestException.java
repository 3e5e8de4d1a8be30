package dev.bbinv.sink.api;

/** A request the API refuses with 400; the message says what was wrong and what is allowed. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
