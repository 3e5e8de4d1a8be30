package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class PageWindowTest {
    @Test
    void anOffsetPastTheMiddleIsReadBackwardsFromTheEndAndPutBackInOrder() {
        PageWindow last = PageWindow.of(null, null, 999_950, 50, 1_000_000);
        assertTrue(last.backwards());
        assertEquals(0, last.offset());
        assertEquals(50, last.limit());

        PageWindow partial = PageWindow.of(null, null, 98, 5, 100);
        assertTrue(partial.backwards());
        assertEquals(0, partial.offset());
        assertEquals(2, partial.limit(), "only the two rows left");
        assertEquals(List.of("r98", "r99"), partial.inListingOrder(List.of("r99", "r98")));

        PageWindow middle = PageWindow.of(null, null, 60, 5, 100);
        assertTrue(middle.backwards());
        assertEquals(35, middle.offset(), "rows 99..65 skipped from the end");

        PageWindow front = PageWindow.of(null, null, 50, 5, 100);
        assertFalse(front.backwards());
        assertEquals(50, front.offset());
        assertFalse(PageWindow.of(null, null, 100, 5, 100).backwards(), "past the end: an empty page, read forwards");
        assertFalse(PageWindow.of(null, null, 90, 5, -1).backwards(), "uncounted: never from the end");
    }

    @Test
    void aSeekReadsOneRowMoreToKnowWhetherAnotherPageFollows() {
        PageWindow after = PageWindow.of("a", null, 0, 3, 10);
        assertEquals(4, after.limit());
        Page<String> more = after.page(List.of("b", "c", "d", "e"), 10, Function.identity());
        assertEquals(List.of("b", "c", "d"), more.items());
        assertEquals("b", more.previous());
        assertEquals("d", more.next());
        Page<String> end = after.page(List.of("b", "c"), 10, Function.identity());
        assertEquals(null, end.next());

        PageWindow before = PageWindow.of(null, "z", 0, 3, 10);
        List<String> rows = before.inListingOrder(List.of("y", "x", "w", "v"));
        Page<String> page = before.page(rows, 10, Function.identity());
        assertEquals(List.of("w", "x", "y"), page.items());
        assertEquals("w", page.previous());
        assertEquals("y", page.next());
        assertEquals(null, before.page(before.inListingOrder(List.of("y", "x")), 10, Function.identity()).previous(),
                "nothing before the first rows");
    }

    @Test
    void anOffsetPageHasNeighboursWhereRowsRemain() {
        Page<String> first = PageWindow.of(null, null, 0, 2, 3).page(List.of("a", "b"), 3, Function.identity());
        assertEquals(null, first.previous());
        assertEquals("b", first.next());
        Page<String> last = PageWindow.of(null, null, 2, 2, 3).page(List.of("c"), 3, Function.identity());
        assertEquals("c", last.previous());
        assertEquals(null, last.next());
    }
}
