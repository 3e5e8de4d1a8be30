package dev.bbinv.connector.bitbucket;

/** The thread was interrupted (the connector is closing) while waiting for Bitbucket or the request budget. */
public final class ScanCancelledException extends RuntimeException {
    public ScanCancelledException(InterruptedException cause) {
        super("interrupted", cause);
        Thread.currentThread().interrupt();
    }
}
