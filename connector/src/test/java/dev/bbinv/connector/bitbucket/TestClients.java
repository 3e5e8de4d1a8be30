package dev.bbinv.connector.bitbucket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import okhttp3.HttpUrl;

/** Builds clients against a local HTTP server with a fake clock whose sleeps only advance time. */
public final class TestClients {
    public static final String TOKEN = "tok-SECRET-123";

    /** A clock that only moves when something sleeps on it. */
    public static final class FakeTime extends Clock implements Sleeper {
        private volatile long millis = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();
        public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override public void sleep(Duration d) { sleeps.add(d); millis += Math.max(1, d.toMillis()); }
        @Override public long millis() { return millis; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }

    public static Profile cloudProfile(HttpUrl base) {
        return Profile.cloud("cloud-a", base.uri(), Credentials.basic("ops@acme.com", Secret.of(TOKEN)), List.of());
    }

    public static Profile serverProfile(HttpUrl base) {
        return Profile.server("dc-a", base.uri(), Credentials.basic("svc", Secret.of(TOKEN)), List.of());
    }

    public static BitbucketClients clients(FakeTime time, int budget, int attempts, Duration timeout) {
        return new BitbucketClients(HttpClients.shared(timeout, null),
                new RequestBudgets(budget, Duration.ofHours(1), time, time),
                new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofSeconds(2)), time, time, 64 * 1024);
    }

    private TestClients() {}
}
