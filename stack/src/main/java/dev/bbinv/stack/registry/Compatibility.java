package dev.bbinv.stack.registry;

import java.util.Locale;

/** The compatibility levels the embedded registry enforces, named as Confluent's {@code compatibilityLevel}. */
public enum Compatibility {
    /** Any new version is accepted. */
    NONE,
    /** A new version must be able to read data written with the latest version (Confluent's default). */
    BACKWARD;

    /**
     * Parses Confluent's level name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the supported levels
     */
    public static Compatibility parse(String level) {
        try {
            return valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unsupported compatibility level '" + level
                    + "'; this registry supports NONE and BACKWARD");
        }
    }
}
