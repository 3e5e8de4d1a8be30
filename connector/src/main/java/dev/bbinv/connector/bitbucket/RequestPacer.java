package dev.bbinv.connector.bitbucket;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces one credential's requests with a token bucket that adapts to the server: a 429 halves the rate (down to a
 * floor) and pauses the bucket for the server's Retry-After; every run of successes adds a step back, up to the
 * configured rate. Shared by every thread of the credential (scans and parallel catalog reads), so together they never
 * burst past it. Bitbucket Data Center's own limiter is such a bucket per user; pacing below it avoids its 429s.
 */
public final class RequestPacer {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPacer.class);
    /** Successes in a row after which the rate steps back up. */
    static final int RECOVER_AFTER = 10;
    /** The step back up, as a share of the configured rate (additive increase). */
    static final double RECOVER_STEP = 0.05;
    /**
     * The lowest rate (one request per 5 s), or the configured one if lower. Absolute, not a share of the setting: a
     * setting far above what the server allows must still be able to come down below it.
     */
    static final double FLOOR_PER_SECOND = 0.2;
    /** 429s within this long of a slow-down are the same overload (parallel requests): the rate is halved once. */
    static final long HOLD_MILLIS = 1_000;

    private final String label;
    private final double maxRate;
    private final double floorRate;
    private final int burst;
    private final Clock clock;
    private final Sleeper sleeper;

    private double rate;
    private double tokens;
    /** When the tokens were last counted; in the future while the bucket is paused. */
    private long lastMillis;
    private long lastSlowDownMillis = Long.MIN_VALUE;
    private int successesInARow;
    private long rateLimited;

    /**
     * @param ratePerSecond requests per second at most (the refill rate of a full-speed bucket)
     * @param burst         requests that may go at once after a quiet spell (the bucket's size)
     */
    public RequestPacer(String label, double ratePerSecond, int burst, Clock clock, Sleeper sleeper) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
        this.label = label;
        this.maxRate = ratePerSecond;
        this.floorRate = Math.min(ratePerSecond, FLOOR_PER_SECOND);
        this.burst = burst;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rate = ratePerSecond;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /** Waits until this request may go: its token is taken now, so concurrent callers queue behind each other. */
    public void acquire() {
        try {
            sleeper.sleep(Duration.ofMillis(reserve(clock.millis())));
            // A 429 seen while this caller slept paused the bucket: do not walk into the same wall.
            long paused = pausedFor(clock.millis());
            if (paused > 0) {
                sleeper.sleep(Duration.ofMillis(paused));
            }
        } catch (InterruptedException e) {
            throw new ScanCancelledException(e);
        }
    }

    /** Takes a token at {@code now} and returns how many milliseconds the caller must wait before sending. */
    synchronized long reserve(long now) {
        refill(now);
        long wait = Math.max(0, lastMillis - now);
        if (tokens < 1) {
            wait += (long) Math.ceil((1 - tokens) * 1000 / rate);
        }
        tokens -= 1;
        return wait;
    }

    /** The server answered 429: slow down once per overload and pause until its Retry-After (null: none given). */
    public void rateLimited(Duration retryAfter) {
        rateLimited(clock.millis(), retryAfter);
    }

    synchronized void rateLimited(long now, Duration retryAfter) {
        rateLimited++;
        successesInARow = 0;
        refill(now);
        if (lastSlowDownMillis == Long.MIN_VALUE || now - lastSlowDownMillis >= HOLD_MILLIS) {
            double before = rate;
            rate = Math.max(floorRate, rate / 2);
            lastSlowDownMillis = now;
            LOG.info("Bitbucket rate-limited {}: pacing down from {} to {} requests/s{}", label, round(before),
                    round(rate), retryAfter == null ? "" : ", pausing " + retryAfter.toMillis() + " ms (Retry-After)");
        }
        // The server's bucket is empty: ours restarts with at most one token, after the pause.
        tokens = Math.min(tokens, 1);
        if (retryAfter != null) {
            lastMillis = Math.max(lastMillis, now + retryAfter.toMillis());
        }
    }

    /** The server answered without throttling: after a run of these the rate steps back up. */
    public synchronized void succeeded() {
        if (++successesInARow >= RECOVER_AFTER && rate < maxRate) {
            rate = Math.min(maxRate, rate + maxRate * RECOVER_STEP);
            successesInARow = 0;
        }
    }

    /** Requests per second allowed now. */
    public synchronized double rate() {
        return rate;
    }

    /** 429s seen so far. */
    public synchronized long rateLimitedCount() {
        return rateLimited;
    }

    synchronized long pausedFor(long now) {
        return Math.max(0, lastMillis - now);
    }

    private void refill(long now) {
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * rate / 1000);
            lastMillis = now;
        }
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
