package dev.bbinv.sim.estate;

/** The kinds of Backstage catalog file an estate generates, so tests can cover every parse outcome. */
public enum CatalogKind {
    /** No catalog file: fetching it answers 404. */
    ABSENT,
    /** One valid Component with title, type, lifecycle, owner and system. */
    VALID,
    /** A Component followed by the API it provides, separated by {@code ---}. */
    MULTI_DOCUMENT,
    /** Text that is not YAML at all (an unclosed flow sequence). */
    INVALID_YAML,
    /** Valid YAML whose Component lacks {@code spec.owner} and {@code spec.lifecycle}. */
    MISSING_FIELDS
}
