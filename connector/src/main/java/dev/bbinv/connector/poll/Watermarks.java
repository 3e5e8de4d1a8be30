package dev.bbinv.connector.poll;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Pure: picks the later of two Bitbucket Cloud {@code updated_on} timestamps, keeping Bitbucket's own spelling. */
public final class Watermarks {

    public static String later(String a, String b) {
        if (a == null) {
            return valid(b) ? b : null;
        }
        if (b == null || !valid(b)) {
            return a;
        }
        return OffsetDateTime.parse(b).toInstant().isAfter(OffsetDateTime.parse(a).toInstant()) ? b : a;
    }

    /**
     * The watermark a scan may set: {@code seen} (its highest updated_on), but never later than when the scan began
     * reading, since a repository already read can change meanwhile with an updated_on below {@code seen}.
     */
    public static String capped(String seen, java.time.Instant scanStart) {
        if (seen == null || scanStart == null || !valid(seen)) {
            return seen;
        }
        if (!OffsetDateTime.parse(seen).toInstant().isAfter(scanStart)) {
            return seen;
        }
        return CAP_FORMAT.format(OffsetDateTime.ofInstant(scanStart, java.time.ZoneOffset.UTC));
    }

    /** Bitbucket's own spelling of updated_on, e.g. 2026-11-29T03:00:00.123456+00:00. */
    private static final java.time.format.DateTimeFormatter CAP_FORMAT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private static boolean valid(String text) {
        if (text == null) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private Watermarks() {}
}
