package dev.bbinv.enricher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides what to do when a stream thread dies of an error that is not a record's fault (the registry or broker is
 * down, the state cannot be read): wait a little, growing with each recent failure, then replace the thread, which
 * retries from the last commit; once failures have gone on for too long, stop instead of spinning. Time is passed in.
 */
final class ThreadFailurePolicy {
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final int maxFailures;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();

    ThreadFailurePolicy(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Replace the thread after {@code backoff}, or stop the enricher. */
    record Decision(boolean replace, Duration backoff) {}

    /** Records a failure at {@code now} and decides. */
    synchronized Decision failedAt(Instant now) {
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() > maxFailures) {
            return new Decision(false, Duration.ZERO);
        }
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(recent.size() - 1, 4));
        return new Decision(true, backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }
}
