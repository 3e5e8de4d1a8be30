package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTheInitialDelayAndStopsAtTheMaximum() {
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(1);

        assertEquals(200, Backoff.delay(1, initial, max).toMillis());
        assertEquals(400, Backoff.delay(2, initial, max).toMillis());
        assertEquals(800, Backoff.delay(3, initial, max).toMillis());
        assertEquals(1000, Backoff.delay(4, initial, max).toMillis());
        assertEquals(1000, Backoff.delay(1_000, initial, max).toMillis());
    }
}
