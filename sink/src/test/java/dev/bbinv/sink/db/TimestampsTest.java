package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsFixedWidthUtcWithMillisecondsTruncatedNotRounded() {
        assertEquals("2026-12-06T23:04:05.009Z", Timestamps.format(Instant.parse("2026-12-06T23:04:05.009999999Z")));
        assertEquals("1970-01-01T00:00:00.000Z", Timestamps.format(Instant.EPOCH));
        assertEquals("0001-02-03T04:05:06.007Z", Timestamps.format(Instant.parse("0001-02-03T04:05:06.007Z")));
        assertEquals("1969-12-31T23:59:59.999Z", Timestamps.format(Instant.ofEpochMilli(-1)));
        assertNull(Timestamps.format(null));
    }

    @Test
    void writesWhatTheFormatterWritesForAnyInstantItRoundTrips() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L), random.nextInt(1_000_000_000));
            assertEquals(REFERENCE.format(t), Timestamps.format(t), t.toString());
            assertEquals(t.toEpochMilli(), Timestamps.parse(Timestamps.format(t)).toEpochMilli(), t.toString());
        }
        Instant farFuture = Instant.parse("+12026-01-01T00:00:00Z");
        assertEquals(REFERENCE.format(farFuture), Timestamps.format(farFuture));
    }
}
