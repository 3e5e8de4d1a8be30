package dev.bbinv.connector.bitbucket;

import java.time.Clock;

import dev.bbinv.connector.bitbucket.cloud.CloudClient;
import dev.bbinv.connector.bitbucket.server.ServerClient;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.metrics.ConnectorStats;
import dev.bbinv.connector.metrics.RequestCounter;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds the client of a profile's dialect over the shared OkHttp client and the credential's budget. */
public final class BitbucketClients {
    private final OkHttpClient shared;
    private final RequestBudgets budgets;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final long maxResponseBytes;
    private final ConnectorStats stats;
    private final RequestPacers pacers;

    public BitbucketClients(OkHttpClient shared, RequestBudgets budgets, RetryPolicy retry, Sleeper sleeper, Clock clock,
            long maxResponseBytes) {
        this(shared, budgets, null, retry, sleeper, clock, maxResponseBytes, null);
    }

    /**
     * @param pacers each credential's pace; null paces nothing
     * @param stats  where each profile's requests are counted; null counts nothing
     */
    public BitbucketClients(OkHttpClient shared, RequestBudgets budgets, RequestPacers pacers, RetryPolicy retry,
            Sleeper sleeper, Clock clock, long maxResponseBytes, ConnectorStats stats) {
        this.pacers = pacers;
        this.stats = stats;
        this.shared = shared;
        this.budgets = budgets;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxResponseBytes = maxResponseBytes;
    }

    public BitbucketClient forProfile(Profile profile) {
        return forProfile(profile, retry);
    }

    /** With another retry policy, e.g. a single attempt for {@code profiles check}. */
    public BitbucketClient forProfile(Profile profile, RetryPolicy policy) {
        HttpUrl base = HttpUrl.get(profile.baseUrlText());
        RequestBudget budget = budgets.forCredential(base.host(), profile.credentials(), profile.name());
        OkHttpClient counted = stats == null ? shared
                : shared.newBuilder().addInterceptor(new RequestCounter(stats, profile.name())).build();
        RequestPacer pacer = pacers == null ? null
                : pacers.forCredential(base.host(), profile.credentials(), profile.name());
        // Data Center's limiter rejects a request before any work and does not count it; Cloud's 429 is its hourly limit.
        HttpTransport http = new HttpTransport(counted, base, profile.credentials(), budget, pacer,
                profile.kind() == ServiceKind.SERVER, policy, sleeper, clock, maxResponseBytes);
        return profile.kind() == ServiceKind.CLOUD ? new CloudClient(http)
                : new ServerClient(http, profile.includePersonalProjects(), clock);
    }
}
