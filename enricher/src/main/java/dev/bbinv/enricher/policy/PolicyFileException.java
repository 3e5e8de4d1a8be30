package dev.bbinv.enricher.policy;

/** A policy file that cannot be used; the message names the file, the rule and the problem. */
public final class PolicyFileException extends RuntimeException {
    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
