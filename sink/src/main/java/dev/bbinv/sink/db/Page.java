package dev.bbinv.sink.db;

import java.util.List;

/** One page of a listing and how many items match the filters in all. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
