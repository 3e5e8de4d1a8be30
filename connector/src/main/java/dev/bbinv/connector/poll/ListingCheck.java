package dev.bbinv.connector.poll;

import java.util.ArrayList;
import java.util.List;

import dev.bbinv.connector.bitbucket.Page;

/**
 * Decides whether one scan's listing may decide removals. Bitbucket's counts are advisory (Cloud's {@code size} is
 * optional and may be estimated), so nothing here stops a listing: every page's values are sightings either way. A
 * listing that disagrees with itself (a page that could not be continued, unreadable or duplicate objects, fewer
 * objects than it announced) only loses its right to remove. Pure; one instance per scan run.
 */
final class ListingCheck {
    private int skipped;
    private int duplicates;
    private Long announced;
    private final List<String> doubts = new ArrayList<>();

    /** Notes what a page says about the listing: its (last) announced size, and why it could not be continued. */
    void page(Page<?> page) {
        if (page.total() != null) {
            announced = page.total(); // the last page's count is the freshest
        }
        if (page.doubt() != null) {
            doubts.add(page.doubt());
        }
    }

    /** An object of a page that names no entity. */
    void skipped() {
        skipped++;
    }

    /** An entity this scan had already seen on an earlier page. */
    void duplicate() {
        duplicates++;
    }

    /**
     * Why this listing must not decide removals, naming what disagreed; null when it may.
     *
     * @param distinctSeen the distinct entities the whole scan saw (earlier runs of a resumed scan included)
     */
    String noRemovalsReason(long distinctSeen) {
        List<String> why = new ArrayList<>(doubts);
        if (skipped > 0 || duplicates > 0) {
            why.add("the listing had " + skipped + " unreadable and " + duplicates
                    + " duplicate object(s), so it may have shifted during the scan");
        }
        long shown = distinctSeen + skipped;
        // Any shortfall counts: a deletion while paged shrinks size as well, and an insertion shows up as a duplicate,
        // so an honest listing ends at its size; a false alarm only delays removals to the next clean scan.
        if (announced != null && shown < announced) {
            why.add("the listing announced size " + announced + " but ended after " + shown + " object(s)");
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }
}
