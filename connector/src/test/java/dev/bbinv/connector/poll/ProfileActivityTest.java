package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ScanSummary.Outcome;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class ProfileActivityTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private final ScopeKey acme = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private final ScopeKey beta = new ScopeKey("p", Entity.REPOSITORIES, "beta");
    private final Map<ScopeKey, Instant> lastComplete = new HashMap<>();

    private ScanSummary summary(ScopeKey key, Outcome outcome, String reason) {
        return new ScanSummary(key, "scan", outcome, reason, 1, 10, 0, 0, 0, 1, Duration.ofMillis(5));
    }

    @Test
    void syncingUntilTheFirstSyncThenConnectedWithTheOldestScopesCompleteScan() {
        ProfileActivity activity = new ProfileActivity();
        activity.roundStarted();
        activity.scopes(List.of(acme, beta));
        lastComplete.put(acme, T);
        ProfileState during = activity.snapshot("p", lastComplete::get, DAY);
        assertEquals(ProfileState.SYNCING, during.state());
        assertTrue(during.scanning());
        assertNull(during.lastCompleteScanAt(), "beta has not had a complete scan yet");

        lastComplete.put(beta, T.minusSeconds(600));
        activity.scanFinished(summary(beta, Outcome.COMPLETE, null), T);
        activity.firstSyncDone();
        activity.roundEnded(T.plusSeconds(300));
        ProfileState after = activity.snapshot("p", lastComplete::get, DAY);

        assertEquals(ProfileState.CONNECTED, after.state());
        assertFalse(after.scanning());
        assertEquals(T.minusSeconds(600), after.lastCompleteScanAt(), "the oldest scope's");
        assertEquals(T.plusSeconds(300), after.nextScanAt());
        assertEquals(T.minusSeconds(600).plus(DAY), after.nextCompleteScanAt());
        assertNull(after.lastError());
    }

    @Test
    void aFailedScanIsTheLastErrorAndADueCompleteScanWaitsForTheNextRound() {
        ProfileActivity activity = new ProfileActivity();
        activity.scopes(List.of(acme));
        lastComplete.put(acme, T.minus(DAY).minusSeconds(60));
        activity.scanFinished(summary(acme, Outcome.INCOMPLETE, "rate-limited: 429"), T);
        activity.scanFinished(summary(acme, Outcome.CANCELLED, "connector closing"), T.plusSeconds(1));
        activity.roundEnded(T.plusSeconds(300));
        ProfileState state = activity.snapshot("p", lastComplete::get, DAY);

        assertEquals("acme (repositories): rate-limited: 429", state.lastError(), "a cancelled scan is no error");
        assertEquals(T, state.lastErrorAt());
        assertEquals(T.plusSeconds(300), state.nextCompleteScanAt());
    }

    @Test
    void aScanWithoutRemovalsSaysWhyInTheLastError() {
        ProfileActivity activity = new ProfileActivity();
        activity.scopes(List.of(acme));
        activity.scanFinished(summary(acme, Outcome.COMPLETE_NO_REMOVALS,
                "the listing announced size 15 but ended after 6 object(s)"), T);
        activity.firstSyncDone();
        ProfileState state = activity.snapshot("p", lastComplete::get, DAY);
        assertEquals(ProfileState.CONNECTED, state.state());
        assertEquals("acme (repositories): no removals: the listing announced size 15 but ended after 6 object(s)",
                state.lastError());
    }

    @Test
    void aStoppedProfileFailedWithItsReasonAndNothingScheduled() {
        ProfileActivity activity = new ProfileActivity();
        activity.scopes(List.of(acme));
        activity.roundEnded(T);
        activity.stopped("GET /2.0/user/workspaces answered 401");
        ProfileState state = activity.snapshot("p", lastComplete::get, DAY);
        assertEquals(ProfileState.FAILED, state.state());
        assertEquals("GET /2.0/user/workspaces answered 401", state.reason());
        assertNull(state.nextScanAt());
        assertNull(state.nextCompleteScanAt());
    }

    @Test
    void aRefusedCredentialIsConnectionFailedRetryingAtThenConnectedAgainOnceAccepted() {
        ProfileActivity activity = new ProfileActivity();
        activity.scopes(List.of(acme));
        activity.firstSyncDone();
        activity.roundStarted();
        activity.scanFinished(summary(acme, Outcome.AUTH_FAILED, "GET /x answered 401"), T);
        activity.refused("GET /x answered 401", T.plusSeconds(900));
        ProfileState refused = activity.snapshot("p", lastComplete::get, DAY);
        assertEquals(ProfileState.FAILED, refused.state());
        assertEquals("GET /x answered 401, retrying at 2026-11-29T10:15:00Z", refused.reason());
        assertEquals(T.plusSeconds(900), refused.nextScanAt());
        assertFalse(refused.scanning());
        assertTrue(refused.lastError().contains("401"), refused.lastError());

        activity.roundStarted();
        activity.accepted();
        activity.roundEnded(T.plusSeconds(1200));
        ProfileState again = activity.snapshot("p", lastComplete::get, DAY);
        assertEquals(ProfileState.CONNECTED, again.state());
        assertNull(again.reason());
    }
}
