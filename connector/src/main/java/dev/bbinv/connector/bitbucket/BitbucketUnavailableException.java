package dev.bbinv.connector.bitbucket;

/** Bitbucket could not be reached (unknown host, refused connection, TLS failure, timeouts after retries). */
public final class BitbucketUnavailableException extends BitbucketException {
    public BitbucketUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
