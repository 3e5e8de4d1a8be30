package dev.bbinv.enricher.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.Freshness;

/**
 * The labels the inventory derives itself, as Snyk does: each language (its canonical name), the freshness word
 * ({@link FreshnessRule#label}) and {@value #NEW_REPOSITORY} while the repository is less than 7 days old. Pure: the
 * caller passes the time.
 */
public final class SystemLabels {
    public static final String SOURCE = "system";
    public static final String NEW_REPOSITORY = "New repository";
    static final Duration NEW_FOR = Duration.ofDays(7);

    private SystemLabels() {}

    /** The system label names, languages first, without duplicates. */
    public static List<String> of(List<AssetLanguage> languages, Freshness freshness, Instant createdAt, Instant now) {
        Set<String> names = new LinkedHashSet<>();
        for (AssetLanguage l : languages) {
            names.add(l.getName());
        }
        names.add(FreshnessRule.label(freshness));
        if (isNew(createdAt, now)) {
            names.add(NEW_REPOSITORY);
        }
        return new ArrayList<>(names);
    }

    /**
     * Created at most 7 days ago. A creation date ahead of our clock (clock skew) is not new yet: {@link #nextChange}
     * names the instant it becomes new, so it is not missed.
     */
    static boolean isNew(Instant createdAt, Instant now) {
        return createdAt != null && !now.isBefore(createdAt) && now.isBefore(createdAt.plus(NEW_FOR));
    }

    /** The first instant after {@code now} at which {@value #NEW_REPOSITORY} comes or goes; empty when never. */
    public static Optional<Instant> nextChange(Instant createdAt, Instant now) {
        if (createdAt == null) {
            return Optional.empty();
        }
        if (now.isBefore(createdAt)) {
            return Optional.of(createdAt);
        }
        Instant old = createdAt.plus(NEW_FOR);
        return now.isBefore(old) ? Optional.of(old) : Optional.empty();
    }
}
