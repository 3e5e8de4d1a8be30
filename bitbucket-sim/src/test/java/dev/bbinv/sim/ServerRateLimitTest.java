package dev.bbinv.sim;

import dev.bbinv.sim.estate.EstateSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data Center's per-user token bucket and a refused credential that heals, over real HTTP with a hand-moved clock. */
class ServerRateLimitTest {
    private static final MovableClock CLOCK = new MovableClock();
    private static BitbucketSimulator sim;
    private static String dcRepos;

    /** A clock that moves only when the test says so. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");
        void advance(Duration d) { now = now.plus(d); }
        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @BeforeAll
    static void start() {
        sim = BitbucketSimulator.builder().clock(CLOCK)
                .estate(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(1).serverProjects(1).serverRepos(5).build())
                .start();
        dcRepos = sim.serverBase() + "/rest/api/1.0/projects/PLAT/repos";
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.serverRateLimit().disable();
        sim.budgets().clear();
    }

    private static List<Integer> statuses(int n, String authorization) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(SimHttp.get(dcRepos, authorization).statusCode());
        }
        return statuses;
    }

    @Test
    void anEmptyBucketAnswers429WithRetryAfterAndRefillsAtItsRate() {
        sim.serverRateLimit().enable(3, 2);
        assertEquals(List.of(200, 200, 200, 429), statuses(4, SimHttp.serverAuth()));
        HttpResponse<String> limited = SimHttp.get(dcRepos, SimHttp.serverAuth());
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow(), "half a second, rounded up");
        assertTrue(limited.body().contains("ThrottledException"), limited.body());

        CLOCK.advance(Duration.ofMillis(1000)); // 2 tokens at 2 per second
        assertEquals(List.of(200, 200, 429), statuses(3, SimHttp.serverAuth()));
        CLOCK.advance(Duration.ofSeconds(60)); // refills up to the burst, no further
        assertEquals(List.of(200, 200, 200, 429), statuses(4, SimHttp.serverAuth()));
    }

    @Test
    void eachUserHasItsOwnBucketSharedByItsAccessTokens() {
        sim.serverRateLimit().enable(2, 0.001);
        assertEquals(List.of(200), statuses(1, "Bearer " + BitbucketSimulator.SERVER_HTTP_TOKEN));
        // The admin's HTTP access token took one of the admin's two tokens.
        assertEquals(List.of(200, 429), statuses(2, SimHttp.serverAuth()));
        assertEquals(List.of(200, 200), statuses(2,
                SimHttp.basic(BitbucketSimulator.SERVER_USER, BitbucketSimulator.SERVER_USER_PASSWORD)));
    }

    @Test
    void rejectedRequestsDoNotCountAgainstTheHourlyBudget() {
        sim.serverRateLimit().enable(1, 1);
        sim.budgets().limit(BitbucketSimulator.SERVER_ADMIN, 100);
        assertEquals(List.of(200, 429, 429, 429), statuses(4, SimHttp.serverAuth()));
        assertEquals(1, sim.budgets().used(BitbucketSimulator.SERVER_ADMIN));
        assertEquals(200, SimHttp.get(dcRepos,
                SimHttp.basic(BitbucketSimulator.SERVER_USER, BitbucketSimulator.SERVER_USER_PASSWORD)).statusCode(),
                "another user's bucket is full");
    }

    @Test
    void aSuspendedCredentialIsRefusedUntilRestored() {
        sim.credentials().suspend(BitbucketSimulator.SERVER_ADMIN);
        HttpResponse<String> refused = SimHttp.get(dcRepos, SimHttp.serverAuth());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("Authentication failed"), refused.body());
        assertTrue(sim.requests().all().stream().anyMatch(r -> r.credential().equals("suspended:admin")));
        assertEquals(200, SimHttp.get(dcRepos,
                SimHttp.basic(BitbucketSimulator.SERVER_USER, BitbucketSimulator.SERVER_USER_PASSWORD)).statusCode());
        sim.credentials().restore(BitbucketSimulator.SERVER_ADMIN);
        assertEquals(200, SimHttp.get(dcRepos, SimHttp.serverAuth()).statusCode());
    }
}
