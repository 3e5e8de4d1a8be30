package dev.bbinv.connector.bitbucket;

import java.util.List;

/**
 * One page of a Bitbucket listing in either dialect: its values, the cursor of the next page (Cloud: the {@code next}
 * URL; DC: {@code nextPageStart}), null on the last page, and the response ETag if any.
 */
public record Page<T>(List<T> values, String nextCursor, String etag) {
    public Page {
        values = List.copyOf(values);
    }

    public boolean isLast() {
        return nextCursor == null;
    }
}
