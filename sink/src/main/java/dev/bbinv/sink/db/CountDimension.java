package dev.bbinv.sink.db;

/** What repositories can be counted by. */
public enum CountDimension {
    LANGUAGES, OWNERS, LIFECYCLES
}
