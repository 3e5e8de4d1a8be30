package dev.bbinv.sim.fault;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bitbucket Data Center's rate limiter: one token bucket per user, {@code burst} tokens at most, refilled at
 * {@code refillPerSecond}; a request finding it empty is rejected (429 with Retry-After) before any work and is not
 * counted. Off until {@link #enable}. Atlassian's defaults are a burst of 60 refilled at 5 per second.
 */
public final class TokenBucketLimiter {
    private final Clock clock;
    private volatile Settings settings;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Settings(int burst, double refillPerSecond) {}

    private static final class Bucket {
        double tokens;
        long lastMillis;
    }

    public TokenBucketLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Limits every user to {@code burst} requests at once, refilled at {@code refillPerSecond}; buckets start full. */
    public void enable(int burst, double refillPerSecond) {
        if (burst < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("burst must be >= 1 and refill > 0, got " + burst + ", " + refillPerSecond);
        }
        buckets.clear();
        settings = new Settings(burst, refillPerSecond);
    }

    public void disable() {
        settings = null;
        buckets.clear();
    }

    public boolean enabled() {
        return settings != null;
    }

    /**
     * Takes a token from the user's bucket: 0 when the request may go, else the Retry-After in whole seconds (at least
     * 1) until the bucket holds a token again.
     */
    public long tryAcquire(String user) {
        Settings s = settings;
        if (s == null) {
            return 0;
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(user, k -> {
            Bucket b = new Bucket();
            b.tokens = s.burst();
            b.lastMillis = now;
            return b;
        });
        synchronized (bucket) {
            if (now > bucket.lastMillis) {
                bucket.tokens = Math.min(s.burst(), bucket.tokens + (now - bucket.lastMillis) * s.refillPerSecond() / 1000);
                bucket.lastMillis = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / s.refillPerSecond()));
        }
    }
}
