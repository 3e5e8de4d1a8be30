package dev.bbinv.connector.bitbucket;

/** A response that cannot be trusted to continue a scan: a foreign {@code next} host, a broken page, too large a body. */
public final class BitbucketProtocolException extends BitbucketException {
    public BitbucketProtocolException(String message) {
        super(message);
    }

    public BitbucketProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
