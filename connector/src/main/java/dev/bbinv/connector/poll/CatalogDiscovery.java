package dev.bbinv.connector.poll;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Pure: which repositories a complete scan still asks for their catalog file once a code search listed those that
 * have one. A repository the search found is asked (its file is read); one it did not find is known to have none,
 * without a request, unless it was pushed after {@code probeAfter}: the index lags behind pushes, so a file added or
 * removed by a recent push is asked for, and reaches the inventory in this scan.
 * <p>
 * Where listings give no push time (Data Center), the only move a scan can see is the repository's JSON: a repository
 * new to a scope scanned before, or whose JSON changed since its last scan, is asked; one unchanged is known absent,
 * so a push that adds the file to it shows at its next due search, as a push to a Data Center file only ever showed
 * at its next due fetch.
 *
 * @param found            source ids of the repositories the search found with the file
 * @param probeAfter       repositories updated after this instant are asked whatever the search said
 * @param withoutPushTimes whether the listing has no push time, so an unchanged repository is trusted to the search
 */
public record CatalogDiscovery(Set<String> found, Instant probeAfter, boolean withoutPushTimes) {
    /** A page with at least this many files to ask makes the scan search (one search page answers up to 100). */
    public static final int MIN_DUE_ON_PAGE = 20;

    public CatalogDiscovery {
        found = Set.copyOf(found);
    }

    /** A discovery by repositories' {@code updated_on} (Cloud). */
    public CatalogDiscovery(Set<String> found, Instant probeAfter) {
        this(found, probeAfter, false);
    }

    /** Whether the file is known absent without asking; a repository without a readable updated_on is asked. */
    public boolean knownAbsent(String sourceId, String updatedOn) {
        return knownAbsent(sourceId, updatedOn, true);
    }

    /**
     * Whether the file is known absent without asking.
     *
     * @param moved whether the repository is new to a scope scanned before or its JSON changed since its last scan;
     *              decides only without push times
     */
    public boolean knownAbsent(String sourceId, String updatedOn, boolean moved) {
        if (found.contains(sourceId)) {
            return false;
        }
        if (updatedOn == null) {
            return withoutPushTimes && !moved;
        }
        try {
            return !OffsetDateTime.parse(updatedOn).toInstant().isAfter(probeAfter);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * From when pushes may be missing from the index: the earlier of the search that the scope's last complete scan
     * used (everything pushed since was not asked) and this search's start minus {@code indexLag}.
     *
     * @param previousSearch null when this process has not completed a scan with a search of the scope
     */
    public static Instant probeAfter(Instant previousSearch, Instant searchStart, Duration indexLag) {
        Instant lagged = searchStart.minus(indexLag);
        return previousSearch != null && previousSearch.isBefore(lagged) ? previousSearch : lagged;
    }
}
