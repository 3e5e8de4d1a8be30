package dev.bbinv.connector.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.bbinv.connector.poll.ScanSummary.Outcome;

/**
 * What one profile's worker has been doing, for status pages: fed by the worker's thread, read by any other.
 * {@link #snapshot} turns it into a {@link ProfileState}.
 */
final class ProfileActivity {
    private volatile boolean firstSyncDone;
    private volatile String stoppedBecause;
    private volatile List<ScopeKey> scopes = List.of();
    private volatile Instant lastScanAt;
    private volatile Instant nextRoundAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile boolean scanning;
    private volatile String refusedBecause;
    private volatile Instant retryAt;
    private volatile boolean paused;

    void roundStarted() {
        scanning = true;
        nextRoundAt = null;
    }

    void scopes(List<ScopeKey> keys) {
        scopes = List.copyOf(keys);
    }

    void scanFinished(ScanSummary summary, Instant at) {
        lastScanAt = at;
        if (!summary.finished() && summary.outcome() != Outcome.CANCELLED) {
            failed(ScopeWords.label(summary.scope()) + ": " + summary.reason(), at);
        } else if (summary.outcome() == Outcome.COMPLETE_NO_REMOVALS) {
            // Synced, but the status must say why removals (and the scope's last complete scan) stay behind.
            failed(ScopeWords.label(summary.scope()) + ": no removals: " + summary.reason(), at);
        }
    }

    void failed(String reason, Instant at) {
        lastError = reason;
        lastErrorAt = at;
    }

    void roundEnded(Instant nextRound) {
        scanning = false;
        nextRoundAt = nextRound;
    }

    /** The credential was refused (401); the worker tries again at {@code at}. */
    void refused(String reason, Instant at) {
        retryAt = at;
        refusedBecause = reason;
        scanning = false;
        nextRoundAt = at;
    }

    /** A round went by without the credential being refused. */
    void accepted() {
        refusedBecause = null;
        retryAt = null;
    }

    void paused(boolean value) {
        paused = value;
    }

    void firstSyncDone() {
        firstSyncDone = true;
    }

    void stopped(String reason) {
        stoppedBecause = reason;
        scanning = false;
        nextRoundAt = null;
    }

    /**
     * @param lastCompleteScanAt when a scope last finished a complete scan (null: never)
     * @param fullScanInterval   how long after it the scope's next complete scan is due
     */
    ProfileState snapshot(String profile, Function<ScopeKey, Instant> lastCompleteScanAt, Duration fullScanInterval) {
        String refused = refusedBecause;
        String reason = stoppedBecause != null ? stoppedBecause
                : refused != null ? refused + ", retrying at " + retryAt : null;
        String state = reason != null ? ProfileState.FAILED : paused ? ProfileState.PAUSED
                : firstSyncDone ? ProfileState.CONNECTED : ProfileState.SYNCING;
        // The profile's last complete scan is its oldest scope's: only then was everything seen since that time.
        Instant oldestComplete = null;
        boolean everyScope = !scopes.isEmpty();
        for (ScopeKey key : scopes) {
            Instant at = lastCompleteScanAt.apply(key);
            if (at == null) {
                everyScope = false;
            } else if (oldestComplete == null || at.isBefore(oldestComplete)) {
                oldestComplete = at;
            }
        }
        Instant lastComplete = everyScope ? oldestComplete : null;
        Instant nextComplete = stoppedBecause != null || oldestComplete == null ? null
                : oldestComplete.plus(fullScanInterval);
        if (nextComplete != null && nextRoundAt != null && nextComplete.isBefore(nextRoundAt)) {
            nextComplete = nextRoundAt; // a due complete scan waits for the next round
        }
        return new ProfileState(profile, state, reason, scanning, lastScanAt, lastComplete, nextRoundAt,
                nextComplete, lastError, lastErrorAt);
    }
}
