package dev.bbinv.enricher.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.Freshness;

class FreshnessRuleTest {
    private static final Instant LAST = Instant.parse("2026-01-31T12:00:00Z");

    @Test
    void activeUnderThreeCalendarMonthsInactiveUpToSixDormantAfter() {
        // 31 January + 3 months is 30 April (clamped), + 6 months 31 July.
        assertEquals(Freshness.ACTIVE, FreshnessRule.of(LAST, LAST));
        assertEquals(Freshness.ACTIVE, FreshnessRule.of(LAST, Instant.parse("2026-04-30T11:59:59.999Z")));
        assertEquals(Freshness.INACTIVE, FreshnessRule.of(LAST, Instant.parse("2026-04-30T12:00:00Z")));
        assertEquals(Freshness.INACTIVE, FreshnessRule.of(LAST, Instant.parse("2026-07-31T12:00:00Z")));
        assertEquals(Freshness.DORMANT, FreshnessRule.of(LAST, Instant.parse("2026-07-31T12:00:00.001Z")));
        assertEquals(Freshness.NA, FreshnessRule.of(null, LAST));
    }

    @Test
    void theNextChangeIsTheExactInstantTheAnswerChanges() {
        for (Instant last : List.of(LAST, Instant.parse("2025-11-30T23:59:59Z"), Instant.parse("2024-02-29T00:00:00Z"))) {
            Instant now = last;
            int changes = 0;
            Optional<Instant> next = FreshnessRule.nextChange(last, now);
            while (next.isPresent()) {
                Instant at = next.get();
                assertTrue(at.isAfter(now), at + " after " + now);
                assertNotEquals(FreshnessRule.of(last, at.minusMillis(1)), FreshnessRule.of(last, at), "at " + at);
                now = at;
                next = FreshnessRule.nextChange(last, now);
                changes++;
            }
            assertEquals(2, changes); // Active -> Inactive -> Dormant, then never again
            assertEquals(Freshness.DORMANT, FreshnessRule.of(last, now));
        }
        assertEquals(Optional.empty(), FreshnessRule.nextChange(null, LAST));
    }

    @Test
    void labelsAndTheirParsing() {
        assertEquals(List.of("Active", "Inactive", "Dormant", "N/A"),
                List.of(Freshness.values()).stream().map(FreshnessRule::label).toList());
        assertEquals(Optional.of(Freshness.NA), FreshnessRule.parse("n/a"));
        assertEquals(Optional.of(Freshness.NA), FreshnessRule.parse("NA"));
        assertEquals(Optional.of(Freshness.DORMANT), FreshnessRule.parse(" dormant "));
        assertEquals(Optional.empty(), FreshnessRule.parse("stale"));
    }
}
