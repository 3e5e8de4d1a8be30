package dev.bbinv.connector;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.BitbucketClients;
import dev.bbinv.connector.bitbucket.HttpClients;
import dev.bbinv.connector.bitbucket.RequestBudgets;
import dev.bbinv.connector.bitbucket.RequestPacers;
import dev.bbinv.connector.bitbucket.RetryPolicy;
import dev.bbinv.connector.bitbucket.Sleeper;
import dev.bbinv.connector.config.ConnectorConfig;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.connector.poll.ConnectorState;
import dev.bbinv.connector.poll.ProfileRemovals;
import dev.bbinv.connector.poll.ProfileWorker;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScopeScanner;
import dev.bbinv.connector.publish.CheckpointReader;
import dev.bbinv.connector.publish.PublishedCatalogFiles;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.connector.metrics.ConnectorMetrics;
import dev.bbinv.connector.metrics.ConnectorStats;
import dev.bbinv.connector.poll.ProfileState;
import dev.bbinv.schemas.config.PipelineSettings;
import io.micrometer.core.instrument.MeterRegistry;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * The connector role: restores its state from the checkpoint topic, schedules the removals of deleted profiles, then
 * polls every profile in its own thread and publishes raw events transactionally until closed. The profiles can
 * change while it runs ({@link #update}), and each can be paused, resumed or synced now.
 */
public final class ConnectorRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRole.class);
    private static final Duration CHECKPOINT_READ_TIMEOUT = Duration.ofSeconds(60);

    private final TransactionalPublisher publisher;
    private final RunningProfiles running;
    private final ScopeScanner scanner;
    private final ProfileRemovals removals;
    private final ScheduledExecutorService removalTimer;
    private final CompletableFuture<List<ProfileSync>> firstCompleteSync;
    private final ConnectorMetrics metrics;
    private final String transactionalId;
    /** The checkpoints as restored and committed; its entity store is on disk and closed last. */
    private final ConnectorState state;
    private volatile boolean closing;

    private ConnectorRole(TransactionalPublisher publisher, ScopeScanner scanner, RunningProfiles running,
            ProfileRemovals removals, ConnectorMetrics metrics, String transactionalId, ConnectorState state) {
        this.transactionalId = transactionalId;
        this.state = state;
        this.publisher = publisher;
        this.scanner = scanner;
        this.running = running;
        this.removals = removals;
        this.metrics = metrics;
        List<ProfileWorker> workers = running.workers();
        this.firstCompleteSync = CompletableFuture
                .allOf(workers.stream().map(ProfileWorker::firstCompleteSync).toArray(CompletableFuture[]::new))
                .thenApply(done -> workers.stream().map(w -> w.firstCompleteSync().join()).toList());
        this.removalTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bbinv-connector-removals");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts with the profiles of the file named by {@code profiles.file}. */
    public static ConnectorRole start(Map<String, ?> config) {
        ConnectorConfig parsed = new ConnectorConfig(config);
        if (parsed.profilesFile() == null) {
            throw new ConfigException(ConnectorConfig.PROFILES_FILE_CONFIG, null,
                    "a profiles file is required when no profiles are given");
        }
        return start(config, ProfilesFile.load(Path.of(parsed.profilesFile())));
    }

    /** Starts with the given profiles; their names must be unique. */
    public static ConnectorRole start(Map<String, ?> config, List<Profile> profiles) {
        return start(config, profiles, Clock.systemUTC());
    }

    /** Starts with the given profiles and clock (scan times, watermark caps, budgets); tests pass their own. */
    public static ConnectorRole start(Map<String, ?> config, List<Profile> profiles, Clock clock) {
        ConnectorConfig settings = new ConnectorConfig(config);
        Set<String> names = uniqueNames(profiles);
        SchemaRegistryClient registry = PipelineSettings.registryClient(settings);
        TransactionalPublisher publisher = new TransactionalPublisher(settings.bootstrapServers(),
                settings.transactionalId(), registry, settings.kafkaClientOverrides());
        ConnectorState state = null;
        try {
            state = ConnectorState.onDisk(settings.stateDir());
            publisher.knownSightings(state::knows); // the event that begins a sighting gets a key of its own
            long restored = CheckpointReader.readAll(settings.bootstrapServers(), settings.kafkaClientOverrides(),
                    registry, CHECKPOINT_READ_TIMEOUT, state::apply);
            LOG.info("Connector restored {} checkpoint record(s) for profiles {}", restored, state.profiles());
            ProfileRemovals removals = new ProfileRemovals(state, publisher, clock, settings.profileRemovalGrace(),
                    settings.transactionalId());
            removals.check(names);
            ConnectorStats stats = new ConnectorStats();
            RequestBudgets budgets = new RequestBudgets(settings.requestBudget(), settings.requestBudgetWindow(), clock,
                    Sleeper.REAL);
            RequestPacers pacers = new RequestPacers(settings.requestRatePerSecond(), settings.requestRateBurst(), clock,
                    Sleeper.REAL);
            BitbucketClients clients = new BitbucketClients(
                    HttpClients.shared(settings.httpSettings()), budgets, pacers,
                    new RetryPolicy(settings.retryMaxAttempts(), settings.retryBackoffInitial(), settings.retryBackoffMax()),
                    Sleeper.REAL, clock, settings.maxResponseBytes(), stats);
            ScopeScanner scanner = new ScopeScanner(publisher, state, clock, settings.removalMaxShare(),
                    settings.catalogMaxBytes(), settings.transactionalId(), settings.progressInterval(),
                    settings.catalogFetchConcurrency(), settings.catalogRefreshInterval(),
                    new PublishedCatalogFiles(settings.bootstrapServers(), settings.kafkaClientOverrides(), registry,
                            CHECKPOINT_READ_TIMEOUT), settings.commitSettings())
                    .withCatalogSearchIndexLag(settings.catalogSearchIndexLag());
            RunningProfiles running = new RunningProfiles(profile -> new ProfileWorker(profile,
                    clients.forProfile(profile), scanner, settings.pollInterval(), settings.fullScanInterval(), clock,
                    stats).retryingRefusedCredentialsAfter(settings.authRetryBackoff()));
            running.update(profiles);
            ConnectorRole role = new ConnectorRole(publisher, scanner, running, removals,
                    new ConnectorMetrics(stats, budgets), settings.transactionalId(), state);
            long every = Math.max(100, Math.min(60_000, settings.profileRemovalGrace().toMillis() / 4));
            role.removalTimer.scheduleWithFixedDelay(role::checkRemovals, every, every, TimeUnit.MILLISECONDS);
            LOG.info("Connector started with {} profile(s): {}", profiles.size(), names);
            return role;
        } catch (RuntimeException e) {
            publisher.close();
            if (state != null) {
                state.close();
            }
            throw e;
        }
    }

    private static Set<String> uniqueNames(List<Profile> profiles) {
        Set<String> names = profiles.stream().map(Profile::name).collect(Collectors.toCollection(TreeSet::new));
        if (names.size() != profiles.size()) {
            throw new IllegalArgumentException("profile names must be unique: " + profiles.stream().map(Profile::name).toList());
        }
        return names;
    }

    private void checkRemovals() {
        try {
            removals.check(uniqueNames(running.profiles()));
        } catch (RuntimeException e) {
            // The timer must keep running: a broker outage now is retried at the next check.
            LOG.warn("Checking pending profile removals failed, retrying: {}", e.toString());
        }
    }

    /**
     * Applies a new set of profiles while running: added ones start, changed ones restart their worker, removed ones
     * stop (their assets are removed after {@code profile.removal.grace.ms}).
     *
     * @throws IllegalArgumentException when {@code profiles} is empty or names a profile twice; nothing changes then
     */
    public synchronized String update(List<Profile> profiles) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("it holds no profile; the connector keeps polling "
                    + running.profiles().stream().map(Profile::name).toList());
        }
        Set<String> names = uniqueNames(profiles);
        RunningProfiles.Change change = running.update(profiles);
        if (!change.removed().isEmpty() || !change.added().isEmpty()) {
            removals.check(names);
        }
        String text = change.isEmpty() ? "no change" : "added " + change.added() + ", changed " + change.changed()
                + ", removed " + change.removed();
        LOG.info("Profiles updated: {}", text);
        return text;
    }

    /** The profiles polled now, in file order. */
    public List<Profile> profiles() {
        return running.profiles();
    }

    /** Pauses a profile after its scan under way. @throws java.util.NoSuchElementException for an unknown name */
    public void pause(String profile) {
        running.worker(profile).pause();
        LOG.info("Profile {} paused", profile);
    }

    /** @throws java.util.NoSuchElementException for an unknown name */
    public void resume(String profile) {
        running.worker(profile).resume();
        LOG.info("Profile {} resumed", profile);
    }

    /** Starts the profile's next round now. @throws java.util.NoSuchElementException for an unknown name */
    public void syncNow(String profile) {
        running.worker(profile).syncNow();
        LOG.info("Profile {}: sync asked", profile);
    }

    /**
     * States the {@code deleted-profile} removals of a profile gone from the file now; returns how many.
     *
     * @throws IllegalArgumentException when it is still configured
     * @throws java.util.NoSuchElementException when this connector knows nothing of it
     */
    public synchronized int forget(String profile) {
        return removals.forget(profile, uniqueNames(running.profiles()));
    }

    /**
     * Completes once every profile has synced every scope once (a complete scan, or an incremental one when
     * checkpoints already existed), or stopped (401/403); each entry says which.
     */
    public CompletableFuture<List<ProfileSync>> firstCompleteSync() {
        return firstCompleteSync;
    }

    /** Each profile's first sync if it ended, else what its scopes have done so far; in profile order. */
    public List<ProfileSync> syncSoFar() {
        return running.workers().stream().map(ProfileWorker::syncSoFar).toList();
    }

    /** Each profile's state now, in profile order: phase, last and next scans, last error. */
    public List<ProfileState> profileStates() {
        return running.workers().stream().map(ProfileWorker::state).toList();
    }

    /** Shows the connector's requests, budgets and scans in {@code registry} (see {@link ConnectorMetrics}). */
    public void bindMetrics(MeterRegistry registry) {
        metrics.bindTo(registry);
    }

    /**
     * Why the connector stopped for good, if it did: its transactional producer was fenced (another connector started
     * with the same {@code transactional.id}), so no profile can publish again. Bitbucket or broker outages never
     * show here: they are retried.
     */
    public java.util.Optional<String> stoppedForGood() {
        // A close mid-transaction can leave the producer unusable too; that is the close, not a failure.
        if (closing || !publisher.isFenced()) {
            return java.util.Optional.empty();
        }
        RuntimeException cause = publisher.fatalCause().orElse(null);
        if (cause == null || TransactionalPublisher.isFencing(cause)) {
            return java.util.Optional.of("the connector's producer was fenced: another connector runs with "
                    + "transactional.id '" + transactionalId + "' (run one connector per id)");
        }
        return java.util.Optional.of("the connector's producer cannot publish any more: " + cause);
    }

    @Override
    public void close() {
        closing = true;
        removalTimer.shutdownNow();
        running.stopAll();
        scanner.close();
        publisher.close();
        state.close();
        LOG.info("Connector closed");
    }
}
