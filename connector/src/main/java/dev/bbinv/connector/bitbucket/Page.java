package dev.bbinv.connector.bitbucket;

import java.util.List;

/**
 * One page of a Bitbucket listing in either dialect: its values, the cursor of the next page (Cloud: the {@code next}
 * URL; DC: {@code nextPageStart}), null on the last page, the response ETag if any, and the listing's total item
 * count when Bitbucket sends it (Cloud {@code size}, advisory), else null, and {@code doubt}: why this page leaves its
 * listing unfit to decide removals (a {@code next} on another host, a DC page that is not last but names no next
 * start), null when it does not. A page with a doubt still ends the listing; its values are still sightings.
 */
public record Page<T>(List<T> values, String nextCursor, String etag, Long total, String doubt) {
    public Page {
        values = List.copyOf(values);
    }

    /** A page without doubt. */
    public Page(List<T> values, String nextCursor, String etag, Long total) {
        this(values, nextCursor, etag, total, null);
    }

    /** A page whose listing does not say how many items it has in all (DC; Cloud without {@code size}). */
    public Page(List<T> values, String nextCursor, String etag) {
        this(values, nextCursor, etag, null);
    }

    public boolean isLast() {
        return nextCursor == null;
    }
}
