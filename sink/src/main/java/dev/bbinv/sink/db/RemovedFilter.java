package dev.bbinv.sink.db;

/** Whether a listing shows assets that are present, removed, or both. */
public enum RemovedFilter {
    PRESENT_ONLY, REMOVED_ONLY, ANY
}
