package dev.bbinv.connector.bitbucket;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code limit} requests per rolling {@code window} for one credential; {@link #acquire()} waits rather than
 * exceed it. Shared by every profile that uses the same credential.
 */
public final class RequestBudget {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);

    private final String label;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Long> sent = new ArrayDeque<>();

    public RequestBudget(String label, int limit, Duration window, Clock clock, Sleeper sleeper) {
        this.label = label;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Takes one request from the budget, waiting until the oldest request in the window has aged out if needed. */
    public void acquire() {
        boolean logged = false;
        while (true) {
            long wait;
            synchronized (this) {
                long now = clock.millis();
                wait = waitMillis(sent, now, limit, window.toMillis());
                if (wait == 0) {
                    sent.addLast(now);
                    return;
                }
            }
            if (!logged) {
                LOG.info("Request budget of {} per {} s used up for {}; waiting {} ms", limit, window.toSeconds(), label,
                        wait);
                logged = true;
            }
            try {
                sleeper.sleep(Duration.ofMillis(wait));
            } catch (InterruptedException e) {
                throw new ScanCancelledException(e);
            }
        }
    }

    /**
     * Gives back the last request taken: the server rejected it before doing any work and does not count it (Data
     * Center's rate limiter), so it must not use up the hourly allowance either.
     */
    public synchronized void refund() {
        sent.pollLast();
    }

    /** Which credential this budget is for (host and the first profile using it; never the secret). */
    public String label() {
        return label;
    }

    /** Requests that may still be sent in the current window without waiting. */
    public synchronized int remaining() {
        return Math.max(0, limit - inWindow());
    }

    /** Requests counted in the current window. */
    public synchronized int inWindow() {
        waitMillis(sent, clock.millis(), Integer.MAX_VALUE, window.toMillis());
        return sent.size();
    }

    /**
     * Drops timestamps older than the window from {@code sent} and returns 0 when one more request fits, else how many
     * milliseconds until the oldest one leaves the window.
     */
    static long waitMillis(Deque<Long> sent, long now, int limit, long windowMillis) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - windowMillis) {
            sent.pollFirst();
        }
        if (sent.size() < limit) {
            return 0;
        }
        return Math.max(1, sent.peekFirst() + windowMillis - now);
    }
}
