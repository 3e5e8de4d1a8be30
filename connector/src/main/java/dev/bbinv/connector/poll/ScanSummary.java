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
        /** 401/403: the profile stops. */
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
        return "scan " + scanId + " of profile " + scope.profile() + ", " + scope.entity().label + " in scope "
                + scope.scope() + ": " + state + "; pages " + pages + ", entities " + entities + ", changes " + changes
                + ", removals " + removals + ", requests " + requests + ", elapsed " + elapsed.toMillis() + " ms";
    }
}
