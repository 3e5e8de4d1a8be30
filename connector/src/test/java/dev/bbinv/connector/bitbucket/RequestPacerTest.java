package dev.bbinv.connector.bitbucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(30)
class RequestPacerTest {

    private static RequestPacer pacer(TestClients.FakeTime time, double rate, int burst) {
        return new RequestPacer("test", rate, burst, time, time);
    }

    @Test
    void letsABurstGoAtOnceThenSpacesRequestsAtTheRate() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestPacer pacer = pacer(time, 5, 3);
        long t0 = time.millis();
        assertEquals(0, pacer.reserve(t0));
        assertEquals(0, pacer.reserve(t0));
        assertEquals(0, pacer.reserve(t0));
        // Concurrent callers queue: each reservation is one more token interval away.
        assertEquals(200, pacer.reserve(t0));
        assertEquals(400, pacer.reserve(t0));
        // After a quiet second the bucket is not fuller than the burst.
        assertEquals(0, pacer.reserve(t0 + 10_000));
    }

    @Test
    void neverSendsFasterThanBurstPlusRateTimesElapsed() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestPacer pacer = pacer(time, 10, 5);
        long t0 = time.millis();
        for (int i = 0; i < 105; i++) {
            pacer.acquire();
        }
        // 105 requests with a burst of 5 at 10 per second take at least 10 seconds.
        assertTrue(time.millis() - t0 >= 10_000, "took " + (time.millis() - t0) + " ms");
        assertTrue(time.millis() - t0 <= 10_200, "took " + (time.millis() - t0) + " ms");
    }

    @Test
    void a429HalvesTheRateOnceAndPausesForRetryAfter() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestPacer pacer = pacer(time, 8, 10);
        long now = time.millis();
        pacer.rateLimited(now, Duration.ofSeconds(2));
        // Parallel requests of the same overload answer 429 together: the rate is halved once, not per answer.
        pacer.rateLimited(now + 10, Duration.ofSeconds(2));
        assertEquals(4.0, pacer.rate());
        assertEquals(2, pacer.rateLimitedCount());
        assertEquals(2_000, pacer.reserve(now + 10), "the first request goes when the later Retry-After pause ends");
        assertEquals(2_000 + 250, pacer.reserve(now + 10), "then one per 1/4 s");
        pacer.rateLimited(now + 2_000, null);
        assertEquals(2.0, pacer.rate(), "a later overload halves again");
    }

    @Test
    void neverSlowsBelowTheFloor() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestPacer pacer = pacer(time, 100, 1);
        for (int i = 0; i < 20; i++) {
            pacer.rateLimited(time.millis() + i * RequestPacer.HOLD_MILLIS, null);
        }
        assertEquals(0.2, pacer.rate(), "far below a setting that was far too high, but not stopped");
        RequestPacer slow = pacer(time, 0.1, 1);
        slow.rateLimited(time.millis(), null);
        assertEquals(0.1, slow.rate(), "a setting below the floor stays as set");
    }

    @Test
    void speedsBackUpAfterRunsOfSuccessesToTheConfiguredRate() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestPacer pacer = pacer(time, 20, 1);
        pacer.rateLimited(time.millis(), null);
        assertEquals(10.0, pacer.rate());
        for (int i = 0; i < RequestPacer.RECOVER_AFTER - 1; i++) {
            pacer.succeeded();
        }
        assertEquals(10.0, pacer.rate(), "not before a whole run");
        pacer.succeeded();
        assertEquals(11.0, pacer.rate(), 1e-9, "one step of 5% of the configured rate");
        for (int i = 0; i < 1000; i++) {
            pacer.succeeded();
        }
        assertEquals(20.0, pacer.rate(), "capped at the configured rate");
    }

    @Test
    void aPauseSeenWhileWaitingIsWaitedOutToo() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestPacer pacer = pacer(time, 1, 1);
        pacer.acquire();
        long before = time.millis();
        // Another thread's request answered 429 with Retry-After 5 s just before this caller's turn.
        pacer.rateLimited(before, Duration.ofSeconds(5));
        pacer.acquire();
        assertTrue(time.millis() - before >= 5_000, "waited " + (time.millis() - before) + " ms");
    }

    @Test
    void refusesANonPositiveRateOrBurst() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> pacer(time, 0, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> pacer(time, 1, 0));
    }
}
