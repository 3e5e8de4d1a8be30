package dev.bbinv.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import dev.bbinv.schemas.config.PipelineSettings;

/** The connector role's settings: one {@link ConfigDef} with type, default, validator and doc for every key. */
public final class ConnectorConfig extends AbstractConfig {
    public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = PipelineSettings.KAFKA_BOOTSTRAP_SERVERS_CONFIG;
    public static final String SCHEMA_REGISTRY_URL_CONFIG = PipelineSettings.SCHEMA_REGISTRY_URL_CONFIG;
    public static final String PROFILES_FILE_CONFIG = "profiles.file";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String FULL_SCAN_INTERVAL_MS_CONFIG = "full.scan.interval.ms";
    public static final String REQUEST_BUDGET_PER_HOUR_CONFIG = "request.budget.per.hour";
    public static final String REQUEST_BUDGET_WINDOW_MS_CONFIG = "request.budget.window.ms";
    public static final String HTTP_TIMEOUT_MS_CONFIG = "http.timeout.ms";
    public static final String HTTP_MAX_RESPONSE_BYTES_CONFIG = "http.max.response.bytes";
    public static final String HTTP_PROXY_URL_CONFIG = "http.proxy.url";
    public static final String HTTP_TRUSTSTORE_PATH_CONFIG = "http.truststore.path";
    public static final String HTTP_TRUSTSTORE_PASSWORD_CONFIG = "http.truststore.password";
    public static final String HTTP_TRUSTSTORE_TYPE_CONFIG = "http.truststore.type";
    public static final String CATALOG_MAX_BYTES_CONFIG = "catalog.max.bytes";
    public static final String REQUEST_RATE_PER_SECOND_CONFIG = "request.rate.per.second";
    public static final String REQUEST_RATE_BURST_CONFIG = "request.rate.burst";
    public static final String AUTH_RETRY_BACKOFF_MS_CONFIG = "auth.retry.backoff.ms";
    public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
    public static final String RETRY_BACKOFF_INITIAL_MS_CONFIG = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String REMOVAL_MAX_SHARE_CONFIG = "removal.max.share";
    public static final String PROGRESS_INTERVAL_MS_CONFIG = "progress.interval.ms";
    public static final String CATALOG_FETCH_CONCURRENCY_CONFIG = "catalog.fetch.concurrency";
    public static final String CATALOG_REFRESH_INTERVAL_MS_CONFIG = "catalog.refresh.interval.ms";
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    public static final String COMMITS_ENABLED_CONFIG = "commits.enabled";
    public static final String COMMITS_WINDOW_DAYS_CONFIG = "commits.window.days";
    public static final String COMMITS_REFRESH_INTERVAL_MS_CONFIG = "commits.refresh.interval.ms";
    public static final String COMMITS_MAX_PAGES_CONFIG = "commits.max.pages";
    public static final String CATALOG_SEARCH_INDEX_LAG_MS_CONFIG = "catalog.search.index.lag.ms";
    public static final String COMMITS_READ_CONCURRENCY_CONFIG = "commits.read.concurrency";
    public static final String PROFILE_REMOVAL_GRACE_MS_CONFIG = "profile.removal.grace.ms";
    public static final String PROFILES_FILE_CHECK_MS_CONFIG = "profiles.file.check.ms";
    public static final String STATE_DIR_CONFIG = "connector.state.dir";

    // Where events go: the keys every role shares, then the connector's own.
    public static final ConfigDef CONFIG_DEF = PipelineSettings.define(new ConfigDef())
            .define(TRANSACTIONAL_ID_CONFIG, Type.STRING, "bbinv-connector", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Transactional id of the producer; one per running connector (a second one with the same id fences the first).")
            // What to poll.
            .define(PROFILES_FILE_CONFIG, Type.STRING, null, Importance.HIGH,
                    "Path of the YAML integration profiles file (when profiles are not passed in code).")
            // Schedules.
            .define(PROFILE_REMOVAL_GRACE_MS_CONFIG, Type.LONG, 604_800_000L, Range.atLeast(0), Importance.MEDIUM,
                    "How long after a profile is gone from the profiles file its assets are marked removed"
                            + " (deleted-profile); a profile back (or renamed) in time keeps them. 0 = at once."
                            + " `bbinv profiles forget NAME` removes them before.")
            .define(PROFILES_FILE_CHECK_MS_CONFIG, Type.LONG, 2_000L, Range.atLeast(100), Importance.LOW,
                    "How often a running process checks the profiles file for changes (also on SIGHUP).")
            .define(STATE_DIR_CONFIG, Type.STRING, null, Importance.LOW,
                    "Where the connector keeps its per-repository checkpoints on disk while it runs (a cache of the"
                            + " checkpoint topic, read again at each start; a new directory inside, deleted on close)."
                            + " Default: java.io.tmpdir.")
            .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, 300_000L, Range.atLeast(100), Importance.MEDIUM,
                    "Time between scans of a profile: Cloud incremental scans, Data Center scans.")
            .define(FULL_SCAN_INTERVAL_MS_CONFIG, Type.LONG, 86_400_000L, Range.atLeast(100), Importance.MEDIUM,
                    "Time between complete scans (the only scans that can remove assets).")
            .define(REMOVAL_MAX_SHARE_CONFIG, Type.DOUBLE, 0.5, Range.between(0.0, 1.0), Importance.MEDIUM,
                    "Largest share of a scope's known entities one complete scan may remove; more is refused and logged.")
            .define(PROGRESS_INTERVAL_MS_CONFIG, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
                    "Time between progress lines of a running scan (pages, entities, rate, budget left, time left).")
            // Being gentle with Bitbucket.
            .define(REQUEST_BUDGET_PER_HOUR_CONFIG, Type.INT, 1000, Range.atLeast(1), Importance.MEDIUM,
                    "Requests per credential per rolling window, shared by every profile using that credential.")
            .define(REQUEST_BUDGET_WINDOW_MS_CONFIG, Type.LONG, 3_600_000L, Range.atLeast(1), Importance.LOW,
                    "Length of the rolling budget window; an hour, shorter only in tests.")
            .define(REQUEST_RATE_PER_SECOND_CONFIG, Type.DOUBLE, 4.0, Range.atLeast(0.01), Importance.MEDIUM,
                    "Requests per second per credential at most (a token bucket shared by the credential's profiles and"
                            + " their parallel catalog reads). On a 429 it halves (to 0.2 per second at the lowest) and pauses for"
                            + " Retry-After, then steps back up after runs of successes. The default stays under Bitbucket"
                            + " Data Center's default rate limit (5 per second, burst 60).")
            .define(REQUEST_RATE_BURST_CONFIG, Type.INT, 40, Range.atLeast(1), Importance.LOW,
                    "Requests per credential that may go at once after a quiet spell (the token bucket's size).")
            .define(AUTH_RETRY_BACKOFF_MS_CONFIG, Type.LONG, 900_000L, Range.atLeast(100), Importance.MEDIUM,
                    "Time before a profile whose credential was refused (401) tries again; meanwhile its state is"
                            + " 'Connection failed: <reason>, retrying at <time>'.")
            .define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, 5, Range.between(1, 20), Importance.LOW,
                    "Attempts per request for 429, 5xx and timeouts before the scan is given up as incomplete.")
            .define(RETRY_BACKOFF_INITIAL_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(0), Importance.LOW,
                    "First retry delay; doubles per attempt, with jitter.")
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
                    "Largest retry delay (a DC Retry-After is honoured even when longer).")
            // HTTP.
            .define(HTTP_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                    "Connect, read and write timeout of one Bitbucket request.")
            .define(HTTP_MAX_RESPONSE_BYTES_CONFIG, Type.LONG, 32L * 1024 * 1024, Range.atLeast(1024), Importance.LOW,
                    "Largest API response read; a larger one fails the request.")
            .define(CATALOG_REFRESH_INTERVAL_MS_CONFIG, Type.LONG, 86_400_000L, Range.atLeast(1), Importance.LOW,
                    "Data Center only (its repository JSON does not change on a push): how often the catalog file of an "
                            + "unchanged repository is asked again. Cloud asks whenever the repository's updated_on moved.")
            .define(CATALOG_FETCH_CONCURRENCY_CONFIG, Type.INT, 4, Range.between(1, 32), Importance.LOW,
                    "Catalog files of one page fetched at the same time, per profile (one waiting credential holds no"
                            + " other profile's reads); each request still"
                            + " counts against its credential's request budget, which is never exceeded.")
            .define(CATALOG_SEARCH_INDEX_LAG_MS_CONFIG, Type.LONG, 3_600_000L, Range.atLeast(0), Importance.LOW,
                    "Cloud: how long a push may take to reach Bitbucket's code search index. A complete scan finds catalog"
                            + " files by code search where the workspace offers it, and still asks each repository pushed"
                            + " within this time before the search (or since the previous complete scan's search, if earlier).")
            .define(CATALOG_MAX_BYTES_CONFIG, Type.LONG, 1024L * 1024, Range.atLeast(1), Importance.LOW,
                    "Largest catalog file read; a larger one is published as TOO_LARGE.")
            // Commit activity (last commit, committers in the window), read after each scope's listing.
            .define(COMMITS_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether each repository's default-branch commits are read (last commit, committers in the window)"
                            + " and published to bitbucket.raw.commits.")
            .define(COMMITS_WINDOW_DAYS_CONFIG, Type.INT, 90, Range.between(1, 3650), Importance.MEDIUM,
                    "Days of commits read per repository: pages are read newest first until a commit is older.")
            .define(COMMITS_REFRESH_INTERVAL_MS_CONFIG, Type.LONG, 21_600_000L, Range.atLeast(1), Importance.LOW,
                    "Data Center only (nothing in its repository JSON moves on a push): how often a repository's"
                            + " commits are read again. Cloud reads them again only when updated_on moved.")
            .define(COMMITS_MAX_PAGES_CONFIG, Type.INT, 10, Range.between(1, 1000), Importance.LOW,
                    "Commit pages (100 commits each) read per repository at most; a window cut short is published"
                            + " with windowComplete=false.")
            .define(COMMITS_READ_CONCURRENCY_CONFIG, Type.INT, 4, Range.between(1, 32), Importance.LOW,
                    "Repositories whose commits are read at the same time, per profile; each request still"
                            + " counts against its credential's request budget, which is never exceeded.")
            .define(HTTP_PROXY_URL_CONFIG, Type.STRING, null, new NullOr(new PipelineSettings.HttpUrl()), Importance.LOW,
                    "HTTP(S) proxy for Bitbucket requests, http://host:port.")
            .define(HTTP_TRUSTSTORE_PATH_CONFIG, Type.STRING, null, Importance.LOW,
                    "Trust store with the CA of an on-premise Bitbucket (replaces the JDK's default trust).")
            .define(HTTP_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                    "Password of the trust store, if it has one.")
            .define(HTTP_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"),
                    Importance.LOW, "Type of the trust store.");

    public ConnectorConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, false);
        if (fullScanInterval().compareTo(pollInterval()) < 0) {
            throw new ConfigException(FULL_SCAN_INTERVAL_MS_CONFIG, getLong(FULL_SCAN_INTERVAL_MS_CONFIG),
                    "must be at least " + POLL_INTERVAL_MS_CONFIG + " (" + getLong(POLL_INTERVAL_MS_CONFIG) + ")");
        }
        String trustStore = getString(HTTP_TRUSTSTORE_PATH_CONFIG);
        if (trustStore != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(trustStore))) {
            throw new ConfigException(HTTP_TRUSTSTORE_PATH_CONFIG, trustStore, "no readable file there");
        }
        if (getLong(RETRY_BACKOFF_MAX_MS_CONFIG) < getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG)) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS_CONFIG, getLong(RETRY_BACKOFF_MAX_MS_CONFIG),
                    "must be at least " + RETRY_BACKOFF_INITIAL_MS_CONFIG);
        }
    }

    public String bootstrapServers() { return getString(KAFKA_BOOTSTRAP_SERVERS_CONFIG); }
    public URI schemaRegistryUrl() { return PipelineSettings.registryUrl(this); }
    /** {@code kafka.client.*} settings for the producer and consumers, without the prefix. */
    public Map<String, Object> kafkaClientOverrides() { return PipelineSettings.kafkaClientOverrides(originals()); }
    public String transactionalId() { return getString(TRANSACTIONAL_ID_CONFIG); }
    public String profilesFile() { return getString(PROFILES_FILE_CONFIG); }
    /** Where the entity checkpoints are kept on disk: {@code connector.state.dir}, else java.io.tmpdir. */
    public java.nio.file.Path stateDir() {
        String dir = getString(STATE_DIR_CONFIG);
        return java.nio.file.Path.of(dir != null ? dir : System.getProperty("java.io.tmpdir"));
    }
    public Duration profileRemovalGrace() { return Duration.ofMillis(getLong(PROFILE_REMOVAL_GRACE_MS_CONFIG)); }
    public Duration profilesFileCheck() { return Duration.ofMillis(getLong(PROFILES_FILE_CHECK_MS_CONFIG)); }
    public Duration pollInterval() { return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG)); }
    public Duration fullScanInterval() { return Duration.ofMillis(getLong(FULL_SCAN_INTERVAL_MS_CONFIG)); }
    public double removalMaxShare() { return getDouble(REMOVAL_MAX_SHARE_CONFIG); }
    public int requestBudget() { return getInt(REQUEST_BUDGET_PER_HOUR_CONFIG); }
    public Duration requestBudgetWindow() { return Duration.ofMillis(getLong(REQUEST_BUDGET_WINDOW_MS_CONFIG)); }
    public double requestRatePerSecond() { return getDouble(REQUEST_RATE_PER_SECOND_CONFIG); }
    public int requestRateBurst() { return getInt(REQUEST_RATE_BURST_CONFIG); }
    public Duration authRetryBackoff() { return Duration.ofMillis(getLong(AUTH_RETRY_BACKOFF_MS_CONFIG)); }
    public int retryMaxAttempts() { return getInt(RETRY_MAX_ATTEMPTS_CONFIG); }
    public Duration retryBackoffInitial() { return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG)); }
    public Duration retryBackoffMax() { return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG)); }
    public Duration httpTimeout() { return Duration.ofMillis(getLong(HTTP_TIMEOUT_MS_CONFIG)); }
    public long maxResponseBytes() { return getLong(HTTP_MAX_RESPONSE_BYTES_CONFIG); }
    public int catalogFetchConcurrency() { return getInt(CATALOG_FETCH_CONCURRENCY_CONFIG); }
    public Duration catalogRefreshInterval() { return Duration.ofMillis(getLong(CATALOG_REFRESH_INTERVAL_MS_CONFIG)); }
    public long catalogMaxBytes() { return getLong(CATALOG_MAX_BYTES_CONFIG); }
    public CommitSettings commitSettings() {
        return new CommitSettings(getBoolean(COMMITS_ENABLED_CONFIG), getInt(COMMITS_WINDOW_DAYS_CONFIG),
                Duration.ofMillis(getLong(COMMITS_REFRESH_INTERVAL_MS_CONFIG)), getInt(COMMITS_MAX_PAGES_CONFIG),
                getInt(COMMITS_READ_CONCURRENCY_CONFIG));
    }
    public Duration catalogSearchIndexLag() { return Duration.ofMillis(getLong(CATALOG_SEARCH_INDEX_LAG_MS_CONFIG)); }
    public java.time.Duration progressInterval() { return java.time.Duration.ofMillis(getLong(PROGRESS_INTERVAL_MS_CONFIG)); }
    /** The HTTP settings shared by the connector and {@code profiles check}. */
    public HttpSettings httpSettings() {
        String path = getString(HTTP_TRUSTSTORE_PATH_CONFIG);
        Password password = getPassword(HTTP_TRUSTSTORE_PASSWORD_CONFIG);
        return new HttpSettings(httpTimeout(), proxyUrl(), path == null ? null : java.nio.file.Path.of(path),
                password == null ? null : Secret.of(password.value()), getString(HTTP_TRUSTSTORE_TYPE_CONFIG));
    }

    public URI proxyUrl() {
        String proxy = getString(HTTP_PROXY_URL_CONFIG);
        return proxy == null ? null : URI.create(proxy);
    }


    /** Accepts null, otherwise delegates. */
    record NullOr(ConfigDef.Validator inner) implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                inner.ensureValid(name, value);
            }
        }

        @Override
        public String toString() { return "null or " + inner; }
    }
}
