package dev.bbinv.connector.poll;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;

/**
 * A profile's first complete sync as its rounds go: the scopes a round covers, each scope's latest scan, and the
 * future that completes once every scope of a round ended, or the profile stopped, was refused or could not list its
 * scopes. Updated by the worker's thread only; {@link #soFar} and {@link #future} are safe from any thread.
 */
final class FirstSync {
    private final String profile;
    private final CompletableFuture<ProfileSync> future = new CompletableFuture<>();
    /** Scopes that finished a scan (or needed none) since start; the first sync is done when a round's are all in. */
    private final Set<ScopeKey> synced = new HashSet<>();
    private List<ScopeKey> roundKeys;
    /** Each scope's latest scan since start, for the first sync's summary and {@link #soFar}. */
    private final Map<ScopeKey, ScanSummary> lastScans = new ConcurrentHashMap<>();
    private volatile List<ScopeKey> knownKeys = List.of();
    /** Why the last round could not list the profile's scopes (not a rate limit); null when it could. */
    private String scopesFailure;

    FirstSync(String profile) {
        this.profile = profile;
    }

    CompletableFuture<ProfileSync> future() {
        return future;
    }

    /** A round begins: its scopes are not known yet. */
    void roundStarted() {
        roundKeys = null;
        scopesFailure = null;
    }

    /** The round could not list the profile's scopes, for a reason other than a rate limit. */
    void scopesFailed(String reason) {
        scopesFailure = reason;
    }

    /** The scopes this round scans. */
    void scopes(List<ScopeKey> keys) {
        roundKeys = keys;
        knownKeys = List.copyOf(keys);
    }

    /** The latest scan of {@code key} (not a cancelled one). */
    void scanned(ScopeKey key, ScanSummary summary) {
        lastScans.put(key, summary);
    }

    /** {@code key} is synced: its scan ended, or it needed none. */
    void synced(ScopeKey key) {
        synced.add(key);
    }

    /**
     * An accepted round ended: the sync completes when every scope of the round is synced (true then, in every later
     * round too), or ends failed when the round could not list the scopes; else it waits for a later round.
     */
    boolean roundEnded() {
        if (roundKeys != null && synced.containsAll(roundKeys)) {
            future.complete(ended());
            return true;
        }
        if (scopesFailure != null) {
            // Its scopes unknown, the profile's first sync ends failed; the next rounds try again.
            future.complete(new ProfileSync(profile, false, scopesFailure, List.of(), List.of(), true));
        }
        return false;
    }

    /** The profile stopped, or its credential was refused ({@code reason}): the sync ends with the scans so far. */
    void endStopped(String reason) {
        List<ScopeKey> keys = knownKeys;
        future.complete(new ProfileSync(profile, true, reason, scansOf(keys), keys, true));
    }

    /** The worker ended: a sync not ended yet ends stopped, for {@code reason}. */
    void closed(String reason) {
        if (!future.isDone()) {
            future.complete(new ProfileSync(profile, true, reason, List.of()));
        }
    }

    /** The sync when it ended; else what each scope has done so far, with {@code reason} (e.g. the budget left). */
    ProfileSync soFar(Supplier<String> reason) {
        if (future.isDone()) {
            return future.join();
        }
        List<ScopeKey> keys = knownKeys;
        return new ProfileSync(profile, false, reason.get(), scansOf(keys), keys, false);
    }

    private ProfileSync ended() {
        List<ScopeKey> keys = knownKeys;
        return new ProfileSync(profile, false, null, scansOf(keys), keys, true);
    }

    /** The latest scan of each of {@code keys} that has had one, in their order. */
    private List<ScanSummary> scansOf(List<ScopeKey> keys) {
        return keys.stream().map(lastScans::get).filter(Objects::nonNull).toList();
    }
}
