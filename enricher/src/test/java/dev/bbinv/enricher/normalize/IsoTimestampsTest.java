package dev.bbinv.enricher.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    /** What the general parser makes of a text: the instant, or null when it refuses it. */
    private static Instant general(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void bitbucketsFormsGiveTheInstantTheGeneralParserGives() {
        for (String text : List.of("2026-01-02T03:04:05.123456+00:00", "2026-01-02T03:04:05Z",
                "2026-01-02T03:04:05.1Z", "2026-01-02T03:04:05.123456789+05:30", "1999-12-31T23:59:59.999-08:00",
                "2024-02-29T00:00:00+00:00", "2026-06-30T12:00:00.000000-00:30", "0001-01-01T00:00:00Z")) {
            assertEquals(general(text), IsoTimestamps.parseCommonForm(text), text);
        }
    }

    @Test
    void otherFormsAreLeftToTheGeneralParser() {
        for (String text : List.of("2026-01-02T03:04:05", "2026-01-02 03:04:05Z", "2026-01-02t03:04:05z",
                "2026-02-30T03:04:05Z", "2026-01-02T24:00:00Z", "2026-01-02T03:04:60Z", "2026-01-02T03:04:05.Z",
                "2026-01-02T03:04:05.1234567890Z", "2026-01-02T03:04:05+0100", "2026-01-02T03:04:05+01:00:30",
                "2026-01-02T03:04:05+19:00", "+12026-01-02T03:04:05Z", "2026-1-02T03:04:05Z", "not a timestamp....")) {
            assertNull(IsoTimestamps.parseCommonForm(text), text);
        }
    }

    @Test
    void randomTimestampsAgreeWithTheGeneralParser() {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            String fraction = random.nextBoolean() ? "" : "." + String.valueOf(1_000_000_000L + random.nextInt(1_000_000_000)).substring(1, 2 + random.nextInt(9));
            int offsetMinutes = (random.nextInt(37) - 18) * 60 + (random.nextBoolean() ? 0 : 30);
            String offset = random.nextInt(4) == 0 ? "Z" : String.format("%s%02d:%02d", offsetMinutes < 0 ? "-" : "+",
                    Math.abs(offsetMinutes) / 60, Math.abs(offsetMinutes) % 60);
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1970 + random.nextInt(100),
                    1 + random.nextInt(12), 1 + random.nextInt(31), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), fraction, offset);
            Instant fast = IsoTimestamps.parseCommonForm(text);
            assertEquals(general(text), fast, text); // including null for a day the month does not have
        }
    }
}
