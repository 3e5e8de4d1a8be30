package dev.bbinv.connector.bitbucket;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bbinv.connector.config.Credentials;

/**
 * One {@link RequestPacer} per credential and host, like {@link RequestBudgets}: Bitbucket Data Center limits each user
 * with one token bucket, so profiles (and their parallel catalog reads) sharing a credential share its pace.
 */
public final class RequestPacers {
    private final double ratePerSecond;
    private final int burst;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, RequestPacer> byCredential = new ConcurrentHashMap<>();

    public RequestPacers(double ratePerSecond, int burst, Clock clock, Sleeper sleeper) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public RequestPacer forCredential(String host, Credentials credentials, String profile) {
        return byCredential.computeIfAbsent(credentials.budgetKey(host),
                key -> new RequestPacer("credential of profile " + profile + " on " + host, ratePerSecond, burst, clock,
                        sleeper));
    }
}
