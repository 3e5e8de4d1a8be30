package dev.bbinv.connector.bitbucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Secret;

@org.junit.jupiter.api.Timeout(30)
class RequestBudgetTest {

    @Test
    void waitsUntilTheOldestRequestLeavesTheWindow() {
        ArrayDeque<Long> sent = new ArrayDeque<>(List.of(1000L, 1500L, 2000L));
        assertEquals(0, RequestBudget.waitMillis(new ArrayDeque<>(sent), 1900, 4, 1000));
        assertEquals(100, RequestBudget.waitMillis(new ArrayDeque<>(sent), 1900, 3, 1000));
        ArrayDeque<Long> aged = new ArrayDeque<>(sent);
        assertEquals(0, RequestBudget.waitMillis(aged, 2600, 2, 1000));
        assertEquals(1, aged.size());
    }

    @Test
    void neverExceedsTheLimitInAnyRollingWindow() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestBudget budget = new RequestBudget("test", 5, Duration.ofHours(1), time, time);
        List<Long> granted = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            budget.acquire();
            granted.add(time.millis());
        }
        for (int i = 0; i < granted.size(); i++) {
            long start = granted.get(i);
            long inWindow = granted.stream().filter(t -> t >= start && t < start + 3_600_000).count();
            assertTrue(inWindow <= 5, "window from " + start + " holds " + inWindow);
        }
        assertTrue(time.millis() - granted.get(0) >= 4 * 3_600_000L, "23 requests at 5/h need at least 4 hours");
    }

    @Test
    void aRefundedRequestLeavesTheWindow() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestBudget budget = new RequestBudget("test", 2, Duration.ofHours(1), time, time);
        budget.acquire();
        budget.acquire();
        budget.refund();
        assertEquals(1, budget.inWindow());
        long before = time.millis();
        budget.acquire();
        assertEquals(before, time.millis(), "the refunded request's place was free without waiting");
    }

    @Test
    void profilesSharingACredentialShareOneBudget() {
        TestClients.FakeTime time = new TestClients.FakeTime();
        RequestBudgets budgets = new RequestBudgets(10, Duration.ofHours(1), time, time);
        Credentials same = Credentials.basic("a@b.c", Secret.of("t"));
        RequestBudget a = budgets.forCredential("api.bitbucket.org", same, "p1");
        RequestBudget b = budgets.forCredential("api.bitbucket.org", Credentials.basic("a@b.c", Secret.of("t")), "p2");
        RequestBudget other = budgets.forCredential("api.bitbucket.org", Credentials.basic("a@b.c", Secret.of("u")), "p3");
        a.acquire();
        b.acquire();
        assertEquals(2, a.inWindow());
        assertEquals(0, other.inWindow());
    }

    @Test
    void backoffDoublesWithJitterUpToTheCapAndHonoursRetryAfter() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1000), Duration.ofMillis(5000));
        assertEquals(500, policy.delay(1, null, 0.0).toMillis());
        assertEquals(1000, policy.delay(1, null, 0.9999).toMillis());
        assertEquals(1000, policy.delay(2, null, 0.0).toMillis());
        assertEquals(2500, policy.delay(10, null, 0.0).toMillis());
        assertEquals(5000, policy.delay(10, null, 0.99999).toMillis());
        assertEquals(30_000, policy.delay(1, Duration.ofSeconds(30), 0.5).toMillis());
    }
}
