package dev.bbinv.connector.bitbucket;

import java.time.Duration;

/** How long to wait before retry number {@code attempt}: capped exponential backoff with jitter, Retry-After honoured. */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    /**
     * The delay before the next attempt, given the 1-based attempt that just failed, the server's Retry-After (or
     * null) and a random number in [0, 1). Pure.
     */
    public Duration delay(int failedAttempt, Duration retryAfter, double random) {
        long base = initial.toMillis() << Math.min(failedAttempt - 1, 20);
        long capped = Math.min(max.toMillis(), Math.max(0, base));
        // "Equal jitter": half fixed, half random, so peers that failed together do not retry together.
        long jittered = capped / 2 + (long) (random * (capped - capped / 2 + 1));
        if (retryAfter != null) {
            // DC's Retry-After is the server telling us when its bucket refills: never retry earlier.
            return Duration.ofMillis(Math.max(retryAfter.toMillis(), jittered));
        }
        return Duration.ofMillis(jittered);
    }
}
