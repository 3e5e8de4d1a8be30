package dev.bbinv.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in tests, always bounded by a deadline: a test that sleeps to synchronise is a flaky test. */
public final class Await {

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} and the timeout otherwise. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Like {@link #until}, with a description that is computed when the wait fails (e.g. the last value seen). */
    public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        try {
            until(timeout, "", condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + what.get(), e);
        }
    }

    private Await() {}
}
