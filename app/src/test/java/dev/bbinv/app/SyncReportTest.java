package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.connector.poll.ScanSummary;
import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey;
import dev.bbinv.connector.poll.ScopeKey.Entity;

/** The first sync's summary and the exit code of {@code --once}, from the profiles' syncs alone. */
class SyncReportTest {
    private static final ScopeKey REPOS = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final ScopeKey USERS = new ScopeKey("p", Entity.USERS, "acme");

    private static ScanSummary scan(ScopeKey key, Outcome outcome, String reason) {
        return new ScanSummary(key, "s", outcome, reason, 2, 150, 3, 1, 0, 2, Duration.ofMillis(9));
    }

    private static ProfileSync sync(boolean ended, String reason, ScanSummary... scans) {
        return new ProfileSync("p", false, reason, List.of(scans), List.of(REPOS, USERS), ended);
    }

    @Test
    void completeWithOrWithoutRemovalsOrUpToDateExitsZero() {
        List<ProfileSync> syncs = List.of(sync(true, null, scan(REPOS, Outcome.COMPLETE_NO_REMOVALS, "size 15, 6 shown")));
        assertEquals(0, SyncReport.exitCode(syncs));
        assertEquals(List.of("First sync complete.", "  profile p: synced (2 scope(s))",
                "    repositories in acme: complete without removals (pages 2, entities 150, removals 1): size 15, 6 shown",
                "    users in acme: up to date (its last complete scan is recent; no scan needed)"),
                SyncReport.lines(syncs, Duration.ofMinutes(30), true));
    }

    @Test
    void aFailedScopeOrAProfileThatCouldNotListItsScopesExitsThree() {
        assertEquals(3, SyncReport.exitCode(List.of(sync(true, null, scan(REPOS, Outcome.COMPLETE, null),
                scan(USERS, Outcome.FORBIDDEN, "403")))));
        assertEquals(3, SyncReport.exitCode(List.of(sync(true, "cannot list its scopes: 500"))));
        assertEquals(3, SyncReport.exitCode(List.of(new ProfileSync("p", true, "401", List.of()))));
    }

    @Test
    void aScopeNotEndedWithinTheWaitExitsFourAndOnlyOnceSaysSo() {
        List<ProfileSync> syncs = List.of(sync(true, null, scan(REPOS, Outcome.COMPLETE, null)),
                sync(false, "request budget left: 0", scan(USERS, Outcome.INCOMPLETE, "rate-limited: 429")));
        assertEquals(4, SyncReport.exitCode(syncs));
        assertEquals("First sync did not end within 90s (--once-wait); stopped waiting (exit code 4).",
                SyncReport.lines(syncs, Duration.ofSeconds(90), true).get(0));
        assertEquals("First sync did not end within 90s (--once-wait); still running.",
                SyncReport.lines(syncs, Duration.ofSeconds(90), false).get(0));
        assertEquals(List.of("  profile p: not ended (request budget left: 0)",
                "    repositories in acme: not ended: no scan of it has ended yet",
                "    users in acme: not ended: rate-limited: 429"),
                SyncReport.lines(syncs, Duration.ofSeconds(90), true).subList(4, 7));
    }
}
