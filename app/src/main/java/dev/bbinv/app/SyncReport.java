package dev.bbinv.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScanSummary;
import dev.bbinv.connector.poll.ScopeKey;
import dev.bbinv.connector.poll.ScopeWords;

/**
 * What the first sync did, per profile and per scope, and the exit code of {@code --once}: 0 when every scope
 * completed (with or without removals), 3 when a scope or profile failed for a reason only the operator can fix,
 * 4 when a scope had not ended within {@code --once-wait}. Pure.
 */
final class SyncReport {
    static final int ALL_COMPLETE = 0;
    static final int SCOPE_FAILED = 3;
    static final int NOT_ENDED = 4;

    private SyncReport() {}

    static int exitCode(List<ProfileSync> syncs) {
        if (syncs.stream().anyMatch(s -> !s.ended())) {
            return NOT_ENDED;
        }
        return syncs.stream().allMatch(ProfileSync::synced) ? ALL_COMPLETE : SCOPE_FAILED;
    }

    /** The headline and one line per profile and per scope, indented for the summary; {@code once}: the run exits. */
    static List<String> lines(List<ProfileSync> syncs, Duration wait, boolean once) {
        List<String> lines = new ArrayList<>();
        int code = exitCode(syncs);
        String exit = once ? " (exit code " + code + ")" : "";
        lines.add(switch (code) {
            case ALL_COMPLETE -> "First sync complete.";
            case SCOPE_FAILED -> "First sync ended; some scopes failed" + exit + ".";
            default -> "First sync did not end within " + Durations.format(wait) + " (--once-wait)"
                    + (once ? "; stopped waiting" + exit : "; still running") + ".";
        });
        for (ProfileSync sync : syncs) {
            lines.add("  profile " + sync.profile() + ": " + profileState(sync));
            for (ScopeKey key : sync.scopes()) {
                lines.add("    " + ScopeWords.brief(key) + ": " + scopeState(sync, key));
            }
        }
        return lines;
    }

    private static String profileState(ProfileSync sync) {
        if (sync.stopped()) {
            return "stopped: " + sync.reason();
        }
        if (!sync.ended()) {
            return "not ended (" + sync.reason() + ")";
        }
        if (sync.reason() != null) {
            return "failed: " + sync.reason();
        }
        long failed = sync.failedScopes().size();
        return failed == 0 ? "synced (" + sync.scopes().size() + " scope(s))"
                : failed + " of " + sync.scopes().size() + " scope(s) failed";
    }

    private static String scopeState(ProfileSync sync, ScopeKey key) {
        ScanSummary scan = sync.scanOf(key);
        if (scan == null) {
            if (sync.stopped()) {
                return "not scanned: the profile stopped";
            }
            return sync.ended() ? "up to date (its last complete scan is recent; no scan needed)"
                    : "not ended: no scan of it has ended yet";
        }
        String counts = " (pages " + scan.pages() + ", entities " + scan.entities() + ", removals " + scan.removals() + ")";
        return switch (scan.outcome()) {
            case COMPLETE -> "complete" + counts;
            case INCREMENTAL -> "complete, incremental" + counts;
            case COMPLETE_NO_REMOVALS -> "complete without removals" + counts + ": " + scan.reason();
            case NOT_FOUND -> "failed, not found: " + scan.reason();
            case FORBIDDEN -> "failed, forbidden: " + scan.reason();
            case AUTH_FAILED -> "failed, credential refused: " + scan.reason();
            case UNAVAILABLE -> "failed, unavailable: " + scan.reason();
            case STOPPED -> "failed: " + scan.reason();
            case INCOMPLETE, CANCELLED -> "not ended: " + scan.reason();
        };
    }
}
