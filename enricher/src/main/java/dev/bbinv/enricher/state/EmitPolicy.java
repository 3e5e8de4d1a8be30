package dev.bbinv.enricher.state;

import java.time.Duration;
import java.time.Instant;

/**
 * When a rebuilt asset is written out: when anything but {@code lastSeen} changed, or when {@code lastSeen} moved
 * on by at least {@code lastSeenRefresh} since the last write. Re-scans of an unchanged estate then write nothing,
 * and {@code lastSeen} on the topic is still never older than that interval plus one scan.
 */
public record EmitPolicy(Duration lastSeenRefresh) {

    public EmitPolicy {
        if (lastSeenRefresh.isNegative()) {
            throw new IllegalArgumentException("lastSeenRefresh must not be negative: " + lastSeenRefresh);
        }
    }

    boolean lastSeenDue(Instant lastEmittedSeen, Instant lastSeen) {
        return !lastSeen.isBefore(lastEmittedSeen.plus(lastSeenRefresh)) && lastSeen.isAfter(lastEmittedSeen);
    }
}
