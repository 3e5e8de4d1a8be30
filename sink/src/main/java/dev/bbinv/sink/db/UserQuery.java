package dev.bbinv.sink.db;

/** Filters and page of a user listing, ordered by id; a null filter matches everything. */
public record UserQuery(String profile, RemovedFilter removed, String nameContains, int limit, int offset, String afterId) {}
