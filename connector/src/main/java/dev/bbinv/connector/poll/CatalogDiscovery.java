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
 *
 * @param found      source ids of the repositories the search found with the file
 * @param probeAfter repositories updated after this instant are asked whatever the search said
 */
public record CatalogDiscovery(Set<String> found, Instant probeAfter) {
    /** A page with at least this many files to ask makes the scan search (one search page answers up to 100). */
    public static final int MIN_DUE_ON_PAGE = 20;

    public CatalogDiscovery {
        found = Set.copyOf(found);
    }

    /** Whether the file is known absent without asking; a repository without a readable updated_on is asked. */
    public boolean knownAbsent(String sourceId, String updatedOn) {
        if (found.contains(sourceId) || updatedOn == null) {
            return false;
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
