package dev.bbinv.enricher.activity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.bbinv.schemas.avro.Freshness;

/**
 * Snyk's repository freshness from the date of the last commit: Active when it is less than 3 months old, Inactive
 * from 3 to 6 months (6 included), Dormant when more than 6, N/A without commit data. Months are calendar months in
 * UTC ({@code lastCommitAt + 3 months}, a 31st clamped to the month's last day), so each boundary is one exact
 * instant and {@link #nextChange} can say when the answer changes. Pure: the caller passes the time.
 */
public final class FreshnessRule {
    static final int ACTIVE_MONTHS = 3;
    static final int DORMANT_AFTER_MONTHS = 6;

    private FreshnessRule() {}

    public static Freshness of(Instant lastCommitAt, Instant now) {
        if (lastCommitAt == null) {
            return Freshness.NA;
        }
        if (now.isBefore(plusMonths(lastCommitAt, ACTIVE_MONTHS))) {
            return Freshness.ACTIVE;
        }
        return now.isAfter(plusMonths(lastCommitAt, DORMANT_AFTER_MONTHS)) ? Freshness.DORMANT : Freshness.INACTIVE;
    }

    /** The first instant after {@code now} at which {@link #of} gives another answer; empty when it never will. */
    public static Optional<Instant> nextChange(Instant lastCommitAt, Instant now) {
        if (lastCommitAt == null) {
            return Optional.empty();
        }
        Instant inactive = plusMonths(lastCommitAt, ACTIVE_MONTHS);
        if (now.isBefore(inactive)) {
            return Optional.of(inactive);
        }
        Instant dormant = plusMonths(lastCommitAt, DORMANT_AFTER_MONTHS).plusMillis(1);
        return now.isBefore(dormant) ? Optional.of(dormant) : Optional.empty();
    }

    /** The word the API, the export and the system label show: Active, Inactive, Dormant, N/A. */
    public static String label(Freshness freshness) {
        return switch (freshness) {
            case ACTIVE -> "Active";
            case INACTIVE -> "Inactive";
            case DORMANT -> "Dormant";
            case NA -> "N/A";
        };
    }

    /** A freshness named by its label or its symbol, case-insensitive ({@code Active}, {@code na}, {@code N/A}). */
    public static Optional<Freshness> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Freshness f : Freshness.values()) {
            if (f.name().equalsIgnoreCase(text.trim()) || label(f).equalsIgnoreCase(text.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static Instant plusMonths(Instant at, int months) {
        return at.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
