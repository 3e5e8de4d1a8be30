package dev.bbinv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayTimingTest {
    @Test
    void theBestOfRoundsTakesEachPartFromTheRoundWhereItWasShortest() {
        ReplayTiming slowStart = new ReplayTiming(10.0, 4.0);
        ReplayTiming slowWork = new ReplayTiming(12.0, 1.0);

        ReplayTiming best = ReplayTiming.best(List.of(slowStart, slowWork));

        assertEquals(10.0, best.totalSeconds());
        assertEquals(1.0, best.startupSeconds());
        assertEquals(6.0, best.processingSeconds());
        assertEquals(11.0, slowWork.processingSeconds());
    }
}
