package dev.bbinv.sink.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Pure: which rows one page of a listing reads, and in which direction. A page after or before a row seeks to that
 * row and reads one row more than the page, to know whether another page follows; an offset page past the middle of
 * the listing is read backwards from the end, since skipping rows is what costs at a million of them.
 *
 * @param anchorId  the row the page starts after (or, backwards, before); null for an offset page
 * @param backwards whether the rows are read in the reverse of the listing's order
 * @param offset    rows to skip in the direction read
 * @param limit     rows to read
 * @param pageSize  rows the page shows
 * @param mode      how the page was asked for
 * @param asked     the offset the caller asked for (from the start, or from the anchor)
 */
record PageWindow(String anchorId, boolean backwards, int offset, int limit, int pageSize, Mode mode, int asked) {
    enum Mode { OFFSET, AFTER, BEFORE }

    /**
     * The window for a page of {@code limit} rows: after {@code afterId}, else before {@code beforeId}, else at
     * {@code offset} of {@code total} rows ({@code total} is negative when not counted: then never from the end).
     */
    static PageWindow of(String afterId, String beforeId, int offset, int limit, long total) {
        if (afterId != null) {
            return new PageWindow(afterId, false, offset, limit + 1, limit, Mode.AFTER, offset);
        }
        if (beforeId != null) {
            return new PageWindow(beforeId, true, offset, limit + 1, limit, Mode.BEFORE, offset);
        }
        if (total >= 0 && offset < total && offset > total / 2) {
            long fromEnd = Math.max(0, total - offset - limit);
            return new PageWindow(null, true, (int) fromEnd, (int) Math.min(limit, total - offset), limit, Mode.OFFSET,
                    offset);
        }
        return new PageWindow(null, false, offset, limit, limit, Mode.OFFSET, offset);
    }

    /** Rows read backwards, put back in the listing's order (the one read beyond the page, if any, dropped first). */
    <T> List<T> inListingOrder(List<T> readBackwards) {
        List<T> rows = new ArrayList<>(readBackwards.subList(0, Math.min(readBackwards.size(), pageSize)));
        Collections.reverse(rows);
        if (readBackwards.size() > pageSize) {
            // Keeps the row beyond the page where trim() and page() expect it: in front, for a page before.
            rows.add(0, readBackwards.get(pageSize));
        }
        return rows;
    }

    /** Whether a row was read beyond the page: another page follows in the direction read. */
    private boolean more(List<?> rows) {
        return rows.size() > pageSize;
    }

    /** The page's rows without the one read beyond it. */
    <T> List<T> trim(List<T> rows) {
        if (!more(rows)) {
            return rows;
        }
        return backwards ? rows.subList(1, rows.size()) : rows.subList(0, pageSize);
    }

    /** The page of these rows (as {@link #inListingOrder} left them), with the ids to page on from. */
    <T> Page<T> page(List<T> rows, long total, Function<T, String> id) {
        List<T> items = trim(rows);
        String first = items.isEmpty() ? null : id.apply(items.get(0));
        String last = items.isEmpty() ? null : id.apply(items.get(items.size() - 1));
        boolean before;
        boolean after;
        switch (mode) {
            case AFTER -> {
                before = true;
                after = more(rows);
            }
            case BEFORE -> {
                before = more(rows);
                after = true;
            }
            default -> {
                before = asked > 0;
                after = asked + items.size() < total;
            }
        }
        return new Page<>(items, total, before ? first : null, after ? last : null);
    }
}
