package dev.bbinv.connector.bitbucket.server;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a Data Center instance offers {@code repos-matching-root-file} to this profile's credential, remembered
 * per profile (in memory). A refusal or an unreadable answer is the instance's, not one project's, so it is learned
 * once: every scan probes until {@link #RETRY} has passed, then the search is asked again (an administrator may
 * install or enable the search meanwhile), as {@link UserListing} does for {@code /admin/users}.
 */
final class CatalogSearchAvailability {
    static final String PATH = "/rest/search/latest/repos-matching-root-file";
    /** How long scans probe before the search is asked again. */
    static final Duration RETRY = Duration.ofHours(24);

    private record Refused(String why, Instant at) {}

    private volatile Refused refused;

    /**
     * Answers that say the search is not there for this credential: any 4xx but 429 (Data Center answers 401, not
     * only 403, to an authenticated user lacking a permission; 404 and 405 where no search plugin serves the path)
     * and 501. A 429 or another 5xx is the moment's, not the instance's.
     */
    static boolean isRefusal(int status) {
        return status >= 400 && status < 500 && status != 429 || status == 501;
    }

    /** Why the search is not asked now, for status ("search unavailable: 404; asked again after …"), or null. */
    String unavailable(Instant now) {
        Refused r = refused;
        return r == null || !now.isBefore(r.at().plus(RETRY)) ? null : describe(r.why(), r.at());
    }

    /** The search answered {@code why} (a status, or "unreadable answer: …") at {@code now}; returns the reason. */
    String refused(String why, Instant now) {
        refused = new Refused(why, now);
        return describe(why, now);
    }

    void answered() {
        refused = null;
    }

    /** Pure: the words of {@link #unavailable}. */
    static String describe(String why, Instant at) {
        return "search unavailable: " + why + "; asked again after " + at.plus(RETRY);
    }
}
