package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FacetCountsTest {
    @Test
    void aTallyOrdersMostFirstThenNullLastThenByValueAndKeepsTheTop() {
        FacetCounts.Tally tally = new FacetCounts.Tally();
        for (String v : new String[] {"b", null, "a", "c", "b", null, "a", "c", "c"}) {
            tally.add(v);
        }
        assertEquals(List.of(new ValueCount("c", 3), new ValueCount("a", 2), new ValueCount("b", 2),
                new ValueCount(null, 2)), tally.top(10));
        assertEquals(List.of(new ValueCount("c", 3)), tally.top(1));
    }

    @Test
    void aTallyWithMoreValuesThanItHoldsGivesUpAndDropsThem() {
        FacetCounts.Tally tally = new FacetCounts.Tally();
        for (int i = 0; i < FacetCounts.MAX_DISTINCT; i++) {
            tally.add("v" + i);
        }
        tally.add("v0");
        assertFalse(tally.overflowed(), "a value already held is counted");
        tally.add("one-more");
        assertTrue(tally.overflowed());
        assertEquals(List.of(), tally.top(5), "nothing held once it gave up: the facet is counted by SQL instead");
    }
}
