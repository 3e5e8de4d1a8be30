package dev.bbinv.connector.bitbucket;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bbinv.connector.config.Credentials;

/** One {@link RequestBudget} per credential and host, so profiles sharing a credential share its allowance. */
public final class RequestBudgets {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, RequestBudget> byCredential = new ConcurrentHashMap<>();

    public RequestBudgets(int limit, Duration window, Clock clock, Sleeper sleeper) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The budgets handed out so far, one per credential and host. */
    public java.util.Collection<RequestBudget> all() {
        return java.util.List.copyOf(byCredential.values());
    }

    public RequestBudget forCredential(String host, Credentials credentials, String profile) {
        return byCredential.computeIfAbsent(credentials.budgetKey(host),
                key -> new RequestBudget("credential of profile " + profile + " on " + host, limit, window, clock,
                        sleeper));
    }
}
