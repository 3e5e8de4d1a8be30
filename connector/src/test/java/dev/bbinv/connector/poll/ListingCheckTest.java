package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.Page;

class ListingCheckTest {

    private static Page<String> page(int values, Long size, String doubt) {
        return new Page<>(java.util.Collections.nCopies(values, "x"), null, null, size, doubt);
    }

    @Test
    void aListingWithoutSizeOrThatEndsAtItsSizeMayRemove() {
        ListingCheck withoutSize = new ListingCheck();
        withoutSize.page(page(3, null, null));
        assertNull(withoutSize.noRemovalsReason(3));
        ListingCheck atSize = new ListingCheck();
        atSize.page(page(100, 150L, null));
        atSize.page(page(50, 150L, null));
        assertNull(atSize.noRemovalsReason(150));
    }

    @Test
    void theLastPagesSizeIsTheOneCompared() {
        ListingCheck shrunk = new ListingCheck();
        shrunk.page(page(100, 151L, null));
        shrunk.page(page(49, 149L, null));
        assertNull(shrunk.noRemovalsReason(149), "a deletion while paged shrinks size too");
    }

    @Test
    void endingShortOfItsSizeNamesBoth() {
        ListingCheck check = new ListingCheck();
        check.page(page(6, 15L, null));
        assertEquals("the listing announced size 15 but ended after 6 object(s)", check.noRemovalsReason(6));
    }

    @Test
    void unreadableObjectsCountAsShownButStillWithholdRemovals() {
        ListingCheck check = new ListingCheck();
        check.page(page(10, 10L, null));
        check.skipped();
        assertEquals("the listing had 1 unreadable and 0 duplicate object(s), so it may have shifted during the scan",
                check.noRemovalsReason(9));
    }

    @Test
    void everyDisagreementIsNamed() {
        ListingCheck check = new ListingCheck();
        check.page(page(5, 20L, "page 1: next link points to http://evil.example.com:80, not the configured API host"));
        check.duplicate();
        assertEquals(List.of("page 1: next link points to http://evil.example.com:80, not the configured API host",
                "the listing had 0 unreadable and 1 duplicate object(s), so it may have shifted during the scan",
                "the listing announced size 20 but ended after 4 object(s)"),
                List.of(check.noRemovalsReason(4).split("; ")));
    }
}
