package dev.bbinv.sim.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-credential request budgets over a rolling hour, as Bitbucket Cloud counts them: past the limit a
 * request is refused until older requests leave the window. Refused requests do not count.
 */
public final class HourlyBudget {
    private static final Duration WINDOW = Duration.ofHours(1);
    private final Clock clock;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<Instant>> windows = new ConcurrentHashMap<>();

    public HourlyBudget(Clock clock) {
        this.clock = clock;
    }

    /** Limits the credential with this id to {@code requestsPerHour}. */
    public void limit(String credentialId, int requestsPerHour) {
        if (requestsPerHour < 1) {
            throw new IllegalArgumentException("requestsPerHour must be >= 1, got " + requestsPerHour);
        }
        limits.put(credentialId, requestsPerHour);
    }

    public void clear() {
        limits.clear();
        windows.clear();
    }

    /** Counts a request; false when it is over budget and must be refused. */
    public boolean tryAcquire(String credentialId) {
        Integer limit = limits.get(credentialId);
        if (limit == null) {
            return true;
        }
        ArrayDeque<Instant> window = windows.computeIfAbsent(credentialId, k -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (window) {
            while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    /** Seconds until the oldest counted request leaves the window (at least 1): a fair Retry-After. */
    public long secondsUntilFree(String credentialId) {
        ArrayDeque<Instant> window = windows.get(credentialId);
        if (window == null) {
            return 1;
        }
        synchronized (window) {
            Instant oldest = window.peekFirst();
            return oldest == null ? 1
                    : Math.max(1, Duration.between(clock.instant(), oldest.plus(WINDOW)).toSeconds() + 1);
        }
    }

    /** Requests counted in the current rolling hour. */
    public int used(String credentialId) {
        ArrayDeque<Instant> window = windows.get(credentialId);
        if (window == null) {
            return 0;
        }
        Instant now = clock.instant();
        synchronized (window) {
            return (int) window.stream().filter(t -> t.isAfter(now.minus(WINDOW))).count();
        }
    }
}
