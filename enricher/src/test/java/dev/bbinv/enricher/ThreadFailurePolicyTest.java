package dev.bbinv.enricher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void replacesFailedThreadsAfterAGrowingPauseUntilTheyFailTooOftenWithinTheWindow() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(6, Duration.ofMinutes(5));
        assertEquals(new ThreadFailurePolicy.Decision(true, Duration.ofSeconds(1)), policy.failedAt(T));
        assertEquals(Duration.ofSeconds(2), policy.failedAt(T.plusSeconds(1)).backoff());
        assertEquals(Duration.ofSeconds(4), policy.failedAt(T.plusSeconds(2)).backoff());
        assertEquals(Duration.ofSeconds(8), policy.failedAt(T.plusSeconds(3)).backoff());
        assertEquals(Duration.ofSeconds(10), policy.failedAt(T.plusSeconds(4)).backoff());
        assertEquals(Duration.ofSeconds(10), policy.failedAt(T.plusSeconds(5)).backoff());
        assertEquals(new ThreadFailurePolicy.Decision(false, Duration.ZERO), policy.failedAt(T.plusSeconds(6)));
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(1, Duration.ofMinutes(5));
        policy.failedAt(T);
        assertEquals(new ThreadFailurePolicy.Decision(true, Duration.ofSeconds(1)),
                policy.failedAt(T.plus(Duration.ofMinutes(6))));
    }
}
