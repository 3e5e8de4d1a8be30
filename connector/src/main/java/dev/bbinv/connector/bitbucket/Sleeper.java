package dev.bbinv.connector.bitbucket;

import java.time.Duration;

/** Waits; tests substitute one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
