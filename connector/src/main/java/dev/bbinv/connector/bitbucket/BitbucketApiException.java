package dev.bbinv.connector.bitbucket;

import java.time.Duration;

/** Bitbucket answered with a non-2xx status; carries method, path, status, Retry-After and Bitbucket's own reason. */
public final class BitbucketApiException extends BitbucketException {
    private final String method;
    private final String path;
    private final int status;
    private final Duration retryAfter;
    private final String reason;

    public BitbucketApiException(String method, String path, int status, Duration retryAfter, String reason) {
        super(method + " " + path + " answered " + status + (reason == null || reason.isBlank() ? "" : ": " + reason));
        this.method = method;
        this.path = path;
        this.status = status;
        this.retryAfter = retryAfter;
        this.reason = reason;
    }

    public String method() { return method; }
    public String path() { return path; }
    public int status() { return status; }
    /** The server's Retry-After, or null when it sent none (Bitbucket Cloud never does). */
    public Duration retryAfter() { return retryAfter; }
    public String reason() { return reason; }

    /** 401 or 403: the credential is wrong or lacks a scope or permission; retrying does not help. */
    public boolean isAuthFailure() {
        return status == 401 || status == 403;
    }

    /** 429, 5xx (and Cloud's 555 timeout): worth retrying after a delay. */
    public boolean isRetryable() {
        return status == 429 || status >= 500;
    }
}
