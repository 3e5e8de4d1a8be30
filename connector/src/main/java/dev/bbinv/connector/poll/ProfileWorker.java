package dev.bbinv.connector.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketException;
import dev.bbinv.connector.bitbucket.ScanCancelledException;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.metrics.ConnectorStats;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;

/**
 * Polls one profile on its schedule in its own thread: each round scans every scope's repositories then users,
 * completely when due, else incrementally. A 401 fails this profile only, until it tries again after a slow backoff
 * (the credential may be fixed meanwhile); a 403 on one scope fails that scope only.
 */
public final class ProfileWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileWorker.class);

    private final Profile profile;
    private final BitbucketClient client;
    private final ScopeScanner scanner;
    private final Duration pollInterval;
    private final Duration fullScanInterval;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Released to end a wait early: a stop, a resume or a sync asked by the operator. */
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
    private volatile boolean paused;
    private volatile String stoppedBecause;
    /** Why the last round's credential was refused (401); the profile tries again after {@link #authRetryBackoff}. */
    private String refusedBecause;
    private Duration authRetryBackoff = Duration.ofMinutes(15);
    /** What the first complete sync reports, as the rounds go. */
    private final FirstSync firstSync;
    private final Clock clock;
    private final ConnectorStats stats;
    private final ProfileActivity activity = new ProfileActivity();

    /**
     * How a profile's first sync went: every scope's scan that ended it ({@link ScanSummary#ended()}: synced, or
     * failed for a reason only the operator can fix), or why the profile stopped ({@code stopped}) or could not list
     * its scopes ({@code reason} without {@code stopped}). A failed scope does not hold the sync back: it is among
     * {@link #failedScopes()} with its outcome and reason. A scope in {@code scopes} without a scan needed none (its
     * checkpoints were recent). {@code ended} is false in a snapshot taken before the sync ended
     * ({@link #syncSoFar()}), whose {@code scans} are each scope's latest, ended or not.
     */
    public record ProfileSync(String profile, boolean stopped, String reason, List<ScanSummary> scans,
            List<ScopeKey> scopes, boolean ended) {
        public ProfileSync(String profile, boolean stopped, String reason, List<ScanSummary> scans) {
            this(profile, stopped, reason, scans, scans.stream().map(ScanSummary::scope).toList(), true);
        }

        /** The scans whose scope failed (401, 403, 404, an unavailable listing), each with its reason naming the scope. */
        public List<ScanSummary> failedScopes() {
            return scans.stream().filter(s -> s.ended() && !s.finished()).toList();
        }

        /** Whether every scope of the profile synced (with or without removals). */
        public boolean synced() {
            return ended && reason == null && !stopped && scans.stream().allMatch(ScanSummary::finished);
        }

        /** The latest scan of {@code key}, or null when it had none. */
        public ScanSummary scanOf(ScopeKey key) {
            return scans.stream().filter(s -> s.scope().equals(key)).reduce((a, b) -> b).orElse(null);
        }
    }

    public ProfileWorker(Profile profile, BitbucketClient client, ScopeScanner scanner, Duration pollInterval,
            Duration fullScanInterval) {
        this(profile, client, scanner, pollInterval, fullScanInterval, Clock.systemUTC(), new ConnectorStats());
    }

    /** @param stats where finished scans are counted, for metrics */
    public ProfileWorker(Profile profile, BitbucketClient client, ScopeScanner scanner, Duration pollInterval,
            Duration fullScanInterval, Clock clock, ConnectorStats stats) {
        this.clock = clock;
        this.stats = stats;
        this.profile = profile;
        this.firstSync = new FirstSync(profile.name());
        this.client = client;
        this.scanner = scanner;
        this.pollInterval = profile.pollInterval() != null ? profile.pollInterval() : pollInterval;
        this.fullScanInterval = profile.fullScanInterval() != null ? profile.fullScanInterval() : fullScanInterval;
    }

    /** How long a profile whose credential was refused (401) waits before trying again; default 15 minutes. */
    public ProfileWorker retryingRefusedCredentialsAfter(Duration backoff) {
        this.authRetryBackoff = backoff;
        return this;
    }

    public CompletableFuture<ProfileSync> firstCompleteSync() {
        return firstSync.future();
    }

    public String stoppedBecause() {
        return stoppedBecause;
    }

    /** The first sync when it ended; else what each scope has done so far and the request budget left. */
    public ProfileSync syncSoFar() {
        return firstSync.soFar(() -> "request budget left: " + client.requestsLeft());
    }

    /** The profile's state now: phase, last and next scans, last error. Safe from any thread. */
    public ProfileState state() {
        return activity.snapshot(profile.name(), scanner::lastCompleteScanAt, fullScanInterval)
                .withUserListing(client.userListing())
                .withCatalogDiscovery(scanner.catalogDiscovery(profile.name()));
    }

    public void requestStop() {
        stop.countDown();
        wake.release();
    }

    /** Stops scanning after the scan under way, until {@link #resume()}; the worker stays and keeps its state. */
    public void pause() {
        paused = true;
        activity.paused(true);
    }

    public void resume() {
        paused = false;
        activity.paused(false);
        wake.release();
    }

    public boolean paused() {
        return paused;
    }

    /** Starts the next round now instead of at the end of the poll interval (resumes a paused profile too). */
    public void syncNow() {
        resume();
    }

    public Profile profile() {
        return profile;
    }

    /** Waits {@code time}, or less when woken; true when the worker must stop. Then waits while paused. */
    private boolean sleep(Duration time) throws InterruptedException {
        if (stop.getCount() > 0) {
            wake.tryAcquire(time.toMillis(), TimeUnit.MILLISECONDS);
        }
        while (paused && stop.getCount() > 0) {
            wake.tryAcquire(1, TimeUnit.MINUTES);
        }
        wake.drainPermits();
        return stop.getCount() == 0;
    }

    @Override
    public void run() {
        try {
            if (sleep(Duration.ZERO)) {
                return; // paused before its first round, or stopped
            }
            while (stop.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
                try {
                    activity.roundStarted();
                    round();
                    if (stoppedBecause != null) {
                        activity.stopped(stoppedBecause);
                        LOG.error("Profile {} stopped: {}", profile.name(), stoppedBecause);
                        firstSync.endStopped(stoppedBecause);
                        return;
                    }
                    if (refusedBecause != null) {
                        // Reported like a stop, so `--once` ends; but the credential may be fixed, so try again later.
                        Instant retryAt = clock.instant().plus(authRetryBackoff);
                        activity.refused(refusedBecause, retryAt);
                        LOG.error("Profile {}: connection failed: {}; retrying at {}", profile.name(), refusedBecause,
                                retryAt);
                        firstSync.endStopped(refusedBecause);
                        refusedBecause = null;
                        if (sleep(authRetryBackoff)) {
                            return;
                        }
                        continue;
                    }
                    activity.accepted();
                    if (firstSync.roundEnded()) {
                        activity.firstSyncDone();
                    }
                    activity.roundEnded(clock.instant().plus(pollInterval));
                } catch (RuntimeException e) {
                    // An unexpected fault must not end the thread: the profile would stop forever without a word.
                    String lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    activity.failed("round failed: " + lastFailure, Instant.now());
                    activity.roundEnded(Instant.now().plus(pollInterval));
                    LOG.error("Profile {}: round failed, retrying after {} ms: {}", profile.name(),
                            pollInterval.toMillis(), lastFailure);
                }
                if (sleep(pollInterval)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            firstSync.closed(stoppedBecause != null ? stoppedBecause : "connector closed before a complete sync");
        }
    }

    /** One pass over every scope; stops early when the profile must stop or the connector closes. */
    private void round() {
        List<String> scopes;
        firstSync.roundStarted();
        try {
            scopes = profile.scopes().isEmpty() ? client.visibleScopes() : profile.scopes();
        } catch (BitbucketApiException e) {
            if (e.isAuthFailure()) {
                refusedBecause = e.getMessage() + profile.dialect().scopesRefusedHint(profile.credentials().scheme());
                activity.failed("listing scopes: " + refusedBecause, clock.instant());
            } else {
                LOG.warn("Profile {}: cannot list scopes, will retry next round: {}", profile.name(), e.getMessage());
                activity.failed("listing scopes: " + e.getMessage(), clock.instant());
                if (e.status() != 429) {
                    firstSync.scopesFailed("cannot list its scopes: " + e.getMessage());
                }
            }
            return;
        } catch (BitbucketException e) {
            LOG.warn("Profile {}: cannot list scopes, will retry next round: {}", profile.name(), e.getMessage());
            activity.failed("listing scopes: " + e.getMessage(), clock.instant());
            firstSync.scopesFailed("cannot list its scopes: " + e.getMessage());
            return;
        } catch (ScanCancelledException e) {
            return;
        }
        if (scopes.isEmpty()) {
            LOG.warn("Profile {}: no {} visible to its credential", profile.name(),
                    profile.dialect().scopesNoun());
        }
        List<ScopeKey> keys = new ArrayList<>();
        scopes.forEach(scope -> keys.add(new ScopeKey(profile.name(), Entity.REPOSITORIES, scope)));
        client.userScopes(scopes).forEach(scope -> keys.add(new ScopeKey(profile.name(), Entity.USERS, scope)));
        firstSync.scopes(keys);
        activity.scopes(keys);
        for (ScopeKey key : keys) {
            if (stop.getCount() == 0 || paused || Thread.currentThread().isInterrupted()) {
                break;
            }
            boolean complete = scanner.completeDue(key, fullScanInterval, profile.dialect());
            if (!complete && key.entity() == Entity.USERS) {
                firstSync.synced(key);
                continue; // users have no incremental listing; they are scanned with the complete schedule
            }
            ScanSummary summary = scanner.scan(profile, client, key, complete);
            activity.scanFinished(summary, clock.instant());
            if (summary.outcome() != Outcome.CANCELLED) {
                stats.scanFinished(summary);
                firstSync.scanned(key, summary);
            }
            if (summary.outcome() == Outcome.CANCELLED) {
                break;
            }
            if (summary.outcome() == Outcome.AUTH_FAILED) {
                refusedBecause = summary.reason();
                break;
            }
            if (summary.outcome() == Outcome.STOPPED) {
                stoppedBecause = summary.reason();
                break;
            }
            if (summary.ended()) {
                firstSync.synced(key);
            }
        }
    }
}
