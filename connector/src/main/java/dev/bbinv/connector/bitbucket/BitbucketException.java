package dev.bbinv.connector.bitbucket;

/** Something went wrong talking to Bitbucket; messages name method, path and cause, never a header or secret. */
public class BitbucketException extends RuntimeException {
    public BitbucketException(String message) {
        super(message);
    }

    public BitbucketException(String message, Throwable cause) {
        super(message, cause);
    }
}
