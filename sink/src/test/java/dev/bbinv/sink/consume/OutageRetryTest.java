package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class OutageRetryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void eachFailedAttemptDoublesTheWaitUpToTheMaximumAndARecoveryStartsOver() {
        // Given a retry of 200 ms doubling up to 1 s
        OutageRetry retry = new OutageRetry(Duration.ofMillis(200), Duration.ofSeconds(1), CLOCK);
        assertEquals(Duration.ofMillis(200), retry.nextDelay(), "before any failure: the initial wait");

        // When attempts fail
        retry.failed("the inventory database", new IllegalStateException("down"), 3);
        retry.failed("the inventory database", new IllegalStateException("down"), 3);
        retry.failed("the inventory database", new IllegalStateException("down"), 3);

        // Then the wait doubles from the initial one per failed attempt (three: 200, 400, 800)
        assertEquals(Duration.ofMillis(800), retry.nextDelay());
        retry.failed("the inventory database", new IllegalStateException("down"), 3);
        assertEquals(Duration.ofSeconds(1), retry.nextDelay());

        // And after a recovery the count starts over: the next outage's first and second attempts wait as the first's did
        retry.recovered();
        assertEquals(Duration.ofMillis(200), retry.nextDelay());
        retry.failed("the inventory database", new IllegalStateException("down"), 3);
        assertEquals(Duration.ofMillis(200), retry.nextDelay(), "one failed attempt since the recovery");
        retry.failed("the inventory database", new IllegalStateException("down"), 3);
        assertEquals(Duration.ofMillis(400), retry.nextDelay(), "two failed attempts since the recovery");
    }

    @Test
    void theRootMessageIsTheCausesOwnWordsOrTheErrorsWhenItHasNoCause() {
        RuntimeException wrapped = new IllegalStateException("writing a batch failed",
                new SQLException("Connection refused"));

        assertEquals("SQLException: Connection refused", OutageRetry.rootMessage(wrapped));
        assertEquals("IllegalStateException: down", OutageRetry.rootMessage(new IllegalStateException("down")));
    }
}
