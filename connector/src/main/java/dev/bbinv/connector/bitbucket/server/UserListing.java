package dev.bbinv.connector.bitbucket.server;

import java.time.Duration;
import java.time.Instant;

/**
 * Which Data Center listing a profile's users come from, remembered per profile. {@code /admin/users} is asked first
 * (it needs an administrator, and some instances do not serve it at all); once it was refused or absent the users
 * come from {@code /users}, and scans go straight there until {@link #RETRY_ADMIN} has passed, so a refused request
 * is not paid on every scan yet a credential later made administrator is noticed within a day.
 */
public final class UserListing {
    public static final String ADMIN_PATH = "/rest/api/1.0/admin/users";
    public static final String USERS_PATH = "/rest/api/1.0/users";
    /** How long {@code /users} is used before {@code /admin/users} is asked again. */
    public static final Duration RETRY_ADMIN = Duration.ofHours(24);

    /** What the last first page of users learned: {@code /admin/users} answered, or was refused with {@code status}. */
    private record Known(boolean admin, int status, Instant at) {}

    private volatile Known known;

    /**
     * 401, 403, 404, 405: {@code /admin/users} is refused to this credential or not served here; {@code /users} may
     * still answer. (Data Center answers 401, not only 403, to an authenticated user lacking a permission.)
     */
    public static boolean isRefusal(int status) {
        return status == 401 || status == 403 || status == 404 || status == 405;
    }

    /** Whether a scan starting now should ask {@code /admin/users} first. */
    boolean askAdmin(Instant now) {
        Known k = known;
        return k == null || k.admin() || !now.isBefore(k.at().plus(RETRY_ADMIN));
    }

    void adminAnswered(Instant now) {
        known = new Known(true, 200, now);
    }

    void adminRefused(int status, Instant now) {
        known = new Known(false, status, now);
    }

    /** For status: the listing in use and why; null before the first page of users. */
    public String describe() {
        Known k = known;
        return k == null ? null : describe(k.admin(), k.status(), k.at());
    }

    /** Pure: the words of {@link #describe()}. */
    static String describe(boolean admin, int status, Instant at) {
        if (admin) {
            return ADMIN_PATH + " (every user, with directory and last authentication)";
        }
        return USERS_PATH + ", because " + ADMIN_PATH + " answered " + status + " (" + why(status) + ") at " + at
                + "; asked again after " + at.plus(RETRY_ADMIN);
    }

    /** Pure: what a refusal of {@code /admin/users} usually means. */
    public static String why(int status) {
        return switch (status) {
            case 401, 403 -> "the credential is not a Bitbucket administrator";
            case 404 -> "not served on this instance, e.g. hidden by a proxy";
            case 405 -> "GET refused there, e.g. by a gateway rule";
            default -> "refused";
        };
    }
}
