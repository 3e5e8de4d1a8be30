package dev.bbinv.sink.db;

import java.util.List;

/**
 * One page of a listing and how many items match the filters in all; {@code previous} and {@code next} are the ids
 * to page from (the first and last item's) when there are rows before or after this page, else null.
 */
public record Page<T>(List<T> items, long total, String previous, String next) {
    public Page {
        items = List.copyOf(items);
    }

    public Page(List<T> items, long total) {
        this(items, total, null, null);
    }
}
