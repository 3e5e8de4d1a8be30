package dev.bbinv.sim.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Cloud timestamp formatting and BBQL datetime parsing; pure. */
final class Timestamps {
    // Bitbucket Cloud writes microseconds and a numeric offset: 2025-03-04T10:11:12.123456+00:00
    private static final DateTimeFormatter CLOUD = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter COMMIT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Timestamps() {
    }

    static String cloud(Instant instant) {
        return CLOUD.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** A commit date as Cloud writes it (git's precision, seconds): 2025-03-04T10:11:12+00:00. */
    static String commit(Instant instant) {
        return COMMIT.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Parses a BBQL datetime: ISO-8601 with offset or Z, bare (UTC), or a date. Null when not a datetime. */
    static Instant parse(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a bare date-time
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
