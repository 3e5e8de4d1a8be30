package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.CatalogSearch;

class CatalogDiscoveryTest {
    private static final Instant SEARCH = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void probesGoBackToThePreviousSearchOrTheIndexLagWhicheverIsEarlier() {
        Duration lag = Duration.ofHours(1);
        assertEquals(Instant.parse("2026-12-06T11:00:00Z"), CatalogDiscovery.probeAfter(null, SEARCH, lag));
        Instant yesterday = Instant.parse("2026-12-05T12:00:00Z");
        assertEquals(yesterday, CatalogDiscovery.probeAfter(yesterday, SEARCH, lag));
        Instant tenMinutesAgo = Instant.parse("2026-12-06T11:50:00Z");
        assertEquals(Instant.parse("2026-12-06T11:00:00Z"), CatalogDiscovery.probeAfter(tenMinutesAgo, SEARCH, lag));
        assertEquals(tenMinutesAgo, CatalogDiscovery.probeAfter(tenMinutesAgo, SEARCH, Duration.ZERO));
    }

    @Test
    void aFileIsKnownAbsentOnlyWhenNotFoundAndItsRepositoryWasNotPushedSince() {
        CatalogDiscovery d = new CatalogDiscovery(Set.of("{found}"), Instant.parse("2026-12-06T11:00:00Z"));
        assertFalse(d.knownAbsent("{found}", "2025-01-01T00:00:00.000000+00:00"), "found: read it");
        assertTrue(d.knownAbsent("{other}", "2025-01-01T00:00:00.000000+00:00"));
        assertTrue(d.knownAbsent("{other}", "2026-12-06T11:00:00.000000+00:00"), "pushed exactly then: indexed");
        assertFalse(d.knownAbsent("{other}", "2026-12-06T11:00:00.000001+00:00"), "pushed after: the index may lag");
        assertFalse(d.knownAbsent("{other}", "2026-12-06T13:30:00+01:00"), "offsets are compared as instants");
        assertFalse(d.knownAbsent("{other}", null), "no updated_on: ask");
        assertFalse(d.knownAbsent("{other}", "yesterday"), "unreadable updated_on: ask");
        assertFalse(d.knownAbsent("{other}", null, false), "Cloud: no updated_on is asked, moved or not");
    }

    @Test
    void withoutPushTimesARepositoryIsKnownAbsentOnlyWhenNotFoundAndUnmoved() {
        CatalogDiscovery d = new CatalogDiscovery(Set.of("17"), Instant.parse("2026-12-06T11:00:00Z"), true);
        assertFalse(d.knownAbsent("17", null, false), "found: read it");
        assertTrue(d.knownAbsent("18", null, false), "unchanged since the previous scan: the search decides");
        assertFalse(d.knownAbsent("18", null, true), "new to the scope or its JSON changed: the index may lag");
        assertFalse(d.knownAbsent("18", null), "the two-argument form assumes a move");
    }

    @Test
    void statusSaysPerScopeHowFilesWereFoundAndRemembersTheLastCompletedSearch() {
        CatalogSearches searches = new CatalogSearches();
        ScopeKey acme = new ScopeKey("p", ScopeKey.Entity.REPOSITORIES, "acme");
        ScopeKey beta = new ScopeKey("p", ScopeKey.Entity.REPOSITORIES, "beta");
        assertEquals(null, searches.describe("p"));
        searches.searched(acme, new CatalogSearch(Set.of("{a}", "{b}"), 1));
        searches.probes(beta, "search unavailable: 404");
        searches.probes(new ScopeKey("q", ScopeKey.Entity.REPOSITORIES, "acme"), "other profile");
        assertEquals("acme: search (1 page(s), 2 file(s)); beta: probes (search unavailable: 404)",
                searches.describe("p"));
        assertEquals(null, searches.previousSearch(acme));
        searches.completed(acme, SEARCH);
        assertEquals(SEARCH, searches.previousSearch(acme));
        searches.probes(acme, "search unavailable: 403");
        assertEquals(SEARCH, searches.previousSearch(acme), "a scan that fell back keeps the last search's time");
    }
}
