package dev.bbinv.connector.poll;

import java.time.Duration;

/** What one scan of one scope did; {@link #toLogLine()} is the one INFO line per finished scan. */
public record ScanSummary(
        ScopeKey scope,
        String scanId,
        Outcome outcome,
        String reason,
        int pages,
        int entities,
        int changes,
        int removals,
        /** Catalog files whose fetch failed after retries; the repositories were published, the files retried next scan. */
        int catalogFailures,
        long requests,
        Duration elapsed) {

    public enum Outcome {
        /** Every page fetched and published: a complete scan, removals applied (or refused by the guard, see reason). */
        COMPLETE,
        /** An incremental scan that fetched every changed repository. */
        INCREMENTAL,
        /**
         * Complete for sightings, no removals: the scan published every entity its pages showed, but its listing
         * disagreed with itself (a page failed after retries, a {@code next} to another host, a DC page without
         * {@code nextPageStart}, unreadable or duplicate objects, fewer objects than its {@code size} announced), so
         * it removed nothing and kept the watermark (reason says what disagreed). Counts as done for the first sync;
         * the next round scans the scope again from its start.
         */
        COMPLETE_NO_REMOVALS,
        /** Stopped early (rate limit, publish failure); resumes from its checkpoint, removes nothing. */
        INCOMPLETE,
        /**
         * The listing's first page could not be read after retries (host unreachable, 5xx, unreadable answer): the
         * scan failed and removed nothing; it ends the scope for the first sync and is retried next round.
         */
        UNAVAILABLE,
        /**
         * The scope itself answered 404 (a workspace or project that does not exist or this credential cannot see):
         * the scan failed, removed nothing, and counts as done for the profile's first sync; retried next round.
         */
        NOT_FOUND,
        /**
         * 403 on the scope's own listing: the credential lacks a permission there (reason names scope and
         * permission). The scan removed nothing; the profile's other scopes go on; retried next round.
         */
        FORBIDDEN,
        /** 401: the credential is refused; ends the scope (failed) for the first sync. */
        AUTH_FAILED,
        /** Kafka refuses this producer (fenced by another instance with the same transactional.id): stop. */
        STOPPED,
        /** The connector is closing. */
        CANCELLED
    }

    /** Every page was read or the scan ended with what it saw: the scope is synced. */
    public boolean finished() {
        return outcome == Outcome.COMPLETE || outcome == Outcome.INCREMENTAL || outcome == Outcome.COMPLETE_NO_REMOVALS;
    }

    /**
     * The scan ended in a way another try soon would not change: finished, or failed for a reason only the operator
     * can fix (401, 403, a scope that does not exist, an unavailable listing, a fenced producer). Only
     * {@code INCOMPLETE} (rate limit, transient publish failure) and {@code CANCELLED} have not ended.
     */
    public boolean ended() {
        return outcome != Outcome.INCOMPLETE && outcome != Outcome.CANCELLED;
    }

    public String toLogLine() {
        String state = switch (outcome) {
            case COMPLETE -> "complete" + (reason == null ? "" : " (" + reason + ")");
            case INCREMENTAL -> "incremental";
            case COMPLETE_NO_REMOVALS -> "complete for sightings, no removals: " + reason;
            default -> outcome.name().toLowerCase() + ": " + reason;
        };
        return "scan " + scanId + " of profile " + scope.profile() + ", " + ScopeWords.listing(scope)
                + ": " + state + "; pages " + pages + ", entities " + entities + ", changes " + changes
                + ", removals " + removals + (catalogFailures > 0 ? ", catalog files failed: " + catalogFailures : "")
                + ", requests " + requests + ", elapsed " + elapsed.toMillis() + " ms";
    }
}
