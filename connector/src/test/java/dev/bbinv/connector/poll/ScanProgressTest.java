package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.poll.ScopeKey.Entity;

class ScanProgressTest {
    private static final ScopeKey ACME = new ScopeKey("acme-cloud", Entity.REPOSITORIES, "acme");

    @Test
    void aCloudScanWithAKnownTotalShowsRateBudgetAndTimeLeft() {
        assertEquals("scan progress of profile acme-cloud, repositories in scope acme: pages 12, entities 1200 of 5000,"
                + " 40.0 entities/s, 880 requests left in the budget, about 95 s left",
                ScanProgress.line(ACME, 12, 1200, Duration.ofSeconds(30), 880, 5000L));
    }

    @Test
    void aDataCenterScanWithoutATotalHasNoEstimate() {
        ScopeKey plat = new ScopeKey("acme-dc", Entity.REPOSITORIES, "PLAT");
        assertEquals("scan progress of profile acme-dc, repositories in scope PLAT: pages 3, entities 3000,"
                + " 300.0 entities/s, 997 requests left in the budget",
                ScanProgress.line(plat, 3, 3000, Duration.ofSeconds(10), 997, null));
    }

    @Test
    void noEstimateBeforeAnyEntityWasSeen() {
        assertEquals("scan progress of profile acme-cloud, repositories in scope acme: pages 0, entities 0 of 5000,"
                + " 0.0 entities/s, 0 requests left in the budget",
                ScanProgress.line(ACME, 0, 0, Duration.ZERO, 0, 5000L));
    }
}
