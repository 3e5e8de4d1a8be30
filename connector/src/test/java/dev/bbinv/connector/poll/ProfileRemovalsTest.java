package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProfileRemovalsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void schedulesGoneProfilesCancelsReturnedOnesAndNamesOnlyThoseDue() {
        Map<String, Instant> pending = new HashMap<>();
        pending.put("due", NOW);
        pending.put("later", NOW.plusMillis(1));
        pending.put("back", NOW.minusSeconds(60));

        ProfileRemovals.Plan plan = ProfileRemovals.plan(Set.of("kept", "gone", "due", "later", "back"), pending,
                Set.of("kept", "back"), NOW);

        assertEquals(Set.of("gone"), plan.schedule());
        assertEquals(Set.of("back"), plan.cancel());
        assertEquals(Set.of("due"), plan.due());
    }
}
