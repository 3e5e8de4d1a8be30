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
