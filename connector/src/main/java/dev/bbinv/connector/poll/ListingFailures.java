package dev.bbinv.connector.poll;

import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.poll.ScanSummary.Outcome;

/**
 * How an error status from Bitbucket ends a scope's scan, with a reason that names the scope: 401 from its listing or
 * code search, 403 and 404 from its listing, 429 from any of its requests once retries are spent. Pure.
 */
final class ListingFailures {
    /** The outcome of a scan ended by an error status, and why. */
    record Ended(Outcome outcome, String reason) {}

    private ListingFailures() {}

    /** The end of {@code key}'s scan by {@code e}; null for a page that failed after retries (5xx and the like). */
    static Ended of(Profile profile, ScopeKey key, BitbucketApiException e) {
        if (e.status() == 401) {
            return new Ended(Outcome.AUTH_FAILED, e.getMessage());
        }
        if (e.status() == 403) {
            // A permission missing on one workspace/project fails that scope; the profile's others go on.
            return new Ended(Outcome.FORBIDDEN, forbiddenReason(profile, key, e.getMessage()));
        }
        if (e.status() == 404) {
            // Catalog file 404s never get here (they are ABSENT events): this is the scope's own listing.
            return new Ended(Outcome.NOT_FOUND, notFoundReason(profile, key));
        }
        if (e.status() == 429) {
            return new Ended(Outcome.INCOMPLETE, "rate-limited: " + e.getMessage());
        }
        return null;
    }

    /** Why a scope's listing answered 404, naming the workspace, the project or the instance whose users it lists. */
    static String notFoundReason(Profile profile, ScopeKey key) {
        return profile.dialect().notFoundReason(profile.baseUrlText(), key.entity(), key.scope());
    }

    /** Why a scope's listing answered 403, naming the scope and the permission its listing needs. */
    static String forbiddenReason(Profile profile, ScopeKey key, String message) {
        return ScopeWords.listing(profile, key) + " refused to this credential (403): it lacks "
                + profile.dialect().listingPermission(key.entity())
                + " there; " + message;
    }
}
