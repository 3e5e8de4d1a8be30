package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class WatermarkCapTest {

    @Test
    void aWatermarkLaterThanTheScanStartIsCappedAtTheStartInBitbucketsSpelling() {
        String capped = Watermarks.capped("2026-11-29T03:10:00.000000+00:00", Instant.parse("2026-11-29T03:00:00.5Z"));
        assertEquals("2026-11-29T03:00:00.500000+00:00", capped);
        assertEquals(capped, Watermarks.later(capped, "2026-11-29T02:00:00+00:00"), "still a valid watermark");
    }

    @Test
    void aWatermarkBeforeTheScanStartIsKeptAsBitbucketSpeltIt() {
        assertEquals("2026-11-29T02:59:59.123456+00:00",
                Watermarks.capped("2026-11-29T02:59:59.123456+00:00", Instant.parse("2026-11-29T03:00:00Z")));
        assertNull(Watermarks.capped(null, Instant.parse("2026-11-29T03:00:00Z")));
    }

    @Test
    void aScanIdCarriesItsStartAndAnOldOneHasNone() {
        Instant start = Instant.parse("2026-11-29T03:00:00.123Z");
        assertEquals(start, ScanIds.startedAt(ScanIds.newId(start)));
        assertNull(ScanIds.startedAt("6f1c2d7e-0000-4000-8000-000000000000"));
        assertNull(ScanIds.startedAt("not-a-time/6f1c2d7e"));
    }
}
