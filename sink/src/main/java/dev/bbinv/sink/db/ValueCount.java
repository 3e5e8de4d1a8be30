package dev.bbinv.sink.db;

/** How many repositories have one value (null: repositories without any). */
public record ValueCount(String value, long count) {}
