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
        /** Stopped early (fault, rate limit, bad page, publish failure); resumes from its checkpoint, removes nothing. */
        INCOMPLETE,
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
        /** 401: the credential is refused; the profile stops. */
        AUTH_FAILED,
        /** Kafka refuses this producer (fenced by another instance with the same transactional.id): stop. */
        STOPPED,
        /** The connector is closing. */
        CANCELLED
    }

    public boolean finished() {
        return outcome == Outcome.COMPLETE || outcome == Outcome.INCREMENTAL;
    }

    public String toLogLine() {
        String state = switch (outcome) {
            case COMPLETE -> "complete" + (reason == null ? "" : " (" + reason + ")");
            case INCREMENTAL -> "incremental";
            default -> outcome.name().toLowerCase() + ": " + reason;
        };
        return "scan " + scanId + " of profile " + scope.profile() + ", " + ScopeWords.listing(scope)
                + ": " + state + "; pages " + pages + ", entities " + entities + ", changes " + changes
                + ", removals " + removals + (catalogFailures > 0 ? ", catalog files failed: " + catalogFailures : "")
                + ", requests " + requests + ", elapsed " + elapsed.toMillis() + " ms";
    }
}
