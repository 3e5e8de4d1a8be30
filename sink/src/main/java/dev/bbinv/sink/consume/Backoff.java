package dev.bbinv.sink.consume;

import java.time.Duration;

/** Pure: how long to wait before retry number {@code attempt} (1-based): doubling from initial, capped at max. */
public final class Backoff {
    public static Duration delay(int attempt, Duration initial, Duration max) {
        if (attempt <= 1) {
            return initial.compareTo(max) > 0 ? max : initial;
        }
        long millis = initial.toMillis();
        for (int i = 1; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    private Backoff() {}
}
