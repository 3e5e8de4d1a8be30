package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class FirstSyncTest {
    private static final ScopeKey REPOS = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final ScopeKey USERS = new ScopeKey("p", Entity.USERS, "acme");

    private static ScanSummary scan(ScopeKey key, Outcome outcome) {
        return new ScanSummary(key, "s", outcome, null, 1, 1, 1, 0, 0, 1, Duration.ZERO);
    }

    @Test
    void endsOnceEveryScopeOfARoundEnded() {
        FirstSync sync = new FirstSync("p");
        sync.roundStarted();
        sync.scopes(List.of(REPOS, USERS));
        sync.scanned(REPOS, scan(REPOS, Outcome.COMPLETE));
        sync.synced(REPOS);

        assertFalse(sync.roundEnded(), "users not synced yet");
        assertFalse(sync.future().isDone());
        assertEquals("budget", sync.soFar(() -> "budget").reason());

        sync.roundStarted();
        sync.scopes(List.of(REPOS, USERS));
        sync.synced(USERS); // needed no scan

        assertTrue(sync.roundEnded());
        ProfileSync ended = sync.future().join();
        assertTrue(ended.synced());
        assertEquals(List.of(REPOS, USERS), ended.scopes());
        assertEquals(List.of(scan(REPOS, Outcome.COMPLETE)), ended.scans());
        assertEquals(ended, sync.soFar(() -> "not asked"));
    }

    @Test
    void endsFailedWhenARoundCannotListTheScopes() {
        FirstSync sync = new FirstSync("p");
        sync.roundStarted();
        sync.scopesFailed("cannot list its scopes: GET /x answered 500");

        assertFalse(sync.roundEnded());
        ProfileSync ended = sync.future().join();
        assertFalse(ended.stopped());
        assertEquals("cannot list its scopes: GET /x answered 500", ended.reason());
    }

    @Test
    void endsStoppedWithTheScansSoFarWhenTheProfileStops() {
        FirstSync sync = new FirstSync("p");
        sync.roundStarted();
        sync.scopes(List.of(REPOS, USERS));
        sync.scanned(REPOS, scan(REPOS, Outcome.AUTH_FAILED));
        sync.endStopped("GET /x answered 401");
        sync.closed("connector closed before a complete sync");

        ProfileSync ended = sync.future().join();
        assertTrue(ended.stopped());
        assertEquals("GET /x answered 401", ended.reason());
        assertEquals(List.of(scan(REPOS, Outcome.AUTH_FAILED)), ended.failedScopes());
    }

    @Test
    void aWorkerEndingBeforeTheSyncEndsItStopped() {
        FirstSync sync = new FirstSync("p");
        sync.closed("connector closed before a complete sync");

        assertTrue(sync.future().join().stopped());
        assertEquals("connector closed before a complete sync", sync.future().join().reason());
    }
}
