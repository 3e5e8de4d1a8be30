package dev.bbinv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchPureTest {
    @Test
    void theCommitFloorIsThePagesUpToTheFirstCommitOlderThanTheWindowOrTheEnd() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T00:00:00Z");
        java.time.Duration window = java.time.Duration.ofDays(90);
        List<java.time.Instant> recent = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            recent.add(now.minus(java.time.Duration.ofHours(i)));
        }
        assertEquals(0, CommitFloor.requests(List.of(), false, now, window, 100, 10), "no branch: nothing to read");
        assertEquals(1, CommitFloor.requests(List.of(), true, now, window, 100, 10), "empty: the 404");
        assertEquals(3, CommitFloor.requests(recent, true, now, window, 100, 10), "all 250 inside: three pages");
        assertEquals(2, CommitFloor.requests(recent, true, now, window, 100, 2), "capped");
        List<java.time.Instant> old = new java.util.ArrayList<>(recent.subList(0, 100));
        old.add(now.minus(java.time.Duration.ofDays(200)));
        assertEquals(2, CommitFloor.requests(old, true, now, window, 100, 10), "100 inside: the older one is on page 2");
        assertEquals(1, CommitFloor.requests(old.subList(99, 101), true, now, window, 100, 10));
        // The same from the shape alone (commits, how many inside the window), as the simulator process reports it.
        assertEquals(0, CommitFloor.requests(0, 0, false, 100, 10));
        assertEquals(1, CommitFloor.requests(0, 0, true, 100, 10));
        assertEquals(3, CommitFloor.requests(250, 250, true, 100, 10));
        assertEquals(2, CommitFloor.requests(250, 250, true, 100, 2));
        assertEquals(2, CommitFloor.requests(101, 100, true, 100, 10));
        assertEquals(1, CommitFloor.requests(2, 1, true, 100, 10));
    }

    @Test
    void theSimulatorProcessGetsItsOwnHeapAndTheBenchEstate() {
        List<String> command = SimulatorProcess.command("/jdk/bin/java", "a.jar:b.jar", "4g", 7, 2, 1_000_000, 25_000);
        assertEquals("/jdk/bin/java", command.get(0));
        assertTrue(command.contains("-Xmx4g"));
        String args = String.join(" ", command);
        assertTrue(args.contains("-cp a.jar:b.jar dev.bbinv.sim.SimulatorMain"), args);
        assertTrue(args.contains("--seed 7 --cloud-workspaces 2 --cloud-repos 1000000 --cloud-members-per-workspace 25000"),
                args);
        assertTrue(args.contains("--request-log counts") && args.contains("--exit-on-stdin-eof"), args);
        assertEquals(25_000, SizeRun.members(1_000_000));
        assertEquals(25, SizeRun.members(1_000));
        assertEquals(5, SizeRun.members(200));
        assertEquals("1027m", BenchOptions.parse().simHeapFor(1_000));
        assertEquals("4024m", BenchOptions.parse().simHeapFor(1_000_000));
        assertEquals("6g", BenchOptions.parse("--sim-heap", "6g").simHeapFor(1_000_000));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--sim-heap", "lots"))
                .getMessage().contains("--sim-heap"));
        assertEquals(null, BenchOptions.parse().fetchConcurrency());
        assertEquals(16, BenchOptions.parse("--fetch-concurrency", "16").fetchConcurrency());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fetch-concurrency", "64"));
    }

    @Test
    void stagesDefaultToAllAndAreChosenByName() {
        assertEquals(java.util.Set.copyOf(BenchOptions.STAGES), BenchOptions.parse().stages());
        assertEquals(java.util.Set.of("sinks", "enricher"), BenchOptions.parse("--stages", "sinks, enricher").stages());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--stages", "sink"))
                .getMessage().contains("'sink' is not one of e2e, sinks, enricher, search-off"));
    }

    @Test
    void quickRunsOnlyOneThousand() {
        assertEquals(List.of(1_000), BenchOptions.parse("--quick").sizes());
    }

    @Test
    void defaultsToTheThreeSizesOfTheIssue() {
        assertEquals(List.of(1_000, 10_000, 100_000), BenchOptions.parse().sizes());
    }

    @Test
    void parsesSizesAndOutput() {
        BenchOptions o = BenchOptions.parse("--sizes", "1000,10_000", "--out", "x.json");
        assertEquals(List.of(1_000, 10_000), o.sizes());
        assertEquals(Path.of("x.json"), o.out());
    }

    @Test
    void rejectsUnknownOptionsAndTooSmallSizesByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast"))
                .getMessage().contains("--fast"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--sizes", "50"))
                .getMessage().contains("below 200"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--sizes", "ten"))
                .getMessage().contains("'ten'"));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] samples = new long[200];
        for (int i = 0; i < 200; i++) {
            samples[i] = 200 - i; // 1..200, unsorted
        }
        assertEquals(100, Percentiles.of(samples, 50));
        assertEquals(198, Percentiles.of(samples, 99));
        assertEquals(200, Percentiles.of(samples, 100));
    }

    @Test
    void tableHasOneColumnPerSizeAndFormatsNumbers() {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("n", 1000));
        a.put("e2e_p50_ms", 812L);
        a.put("rate", 12345.6);
        Map<String, Object> b = new LinkedHashMap<>(Map.of("n", 10000));
        b.put("e2e_p50_ms", 900L);
        b.put("rate", null);
        String table = ResultTable.render(List.of(a, b));
        assertTrue(table.lines().findFirst().orElseThrow().contains("N=10000"));
        assertTrue(table.contains("12,346"));
        assertTrue(table.lines().anyMatch(l -> l.startsWith("rate") && l.trim().endsWith("-")));
        Map<String, Object> longName = new LinkedHashMap<>(Map.of("n", 10000));
        longName.put("plain_jdbc_postgres_all_tables_assets_per_s", 5979.0);
        longName.put("x", 1L);
        List<String> lines = ResultTable.render(List.of(longName)).lines().toList();
        assertEquals(lines.get(1).length(), lines.get(2).length(), "values right-aligned in one column:\n" + lines);
    }

    @Test
    void aimsAreMetOnlyWhenEveryCheckedFigureIsPastItsBound() {
        Map<String, Object> good = new LinkedHashMap<>(Map.of("n", 10_000,
                "requests_full_scan_vs_minimum", 1.05, "sink_sqlite_vs_plain_jdbc_all_tables", 0.5,
                "sink_postgres_vs_plain_jdbc_all_tables", 0.9, "enricher_vs_decoding_baseline", 0.61,
                "sink_sqlite_vs_plain_jdbc", 0.2, "plain_jdbc_sqlite_all_tables_vs_one_table", 0.23));
        assertTrue(Aims.allMet(List.of(good)));
        String text = Aims.render(List.of(good));
        assertTrue(text.contains("every aim met"), text);
        assertTrue(text.contains("sink_sqlite_vs_plain_jdbc ") && text.contains("baseline gets 0.23 of it"), text);

        Map<String, Object> floorMissed = new LinkedHashMap<>(good);
        floorMissed.put("requests_full_scan_vs_minimum", 1.06);
        assertFalse(Aims.allMet(List.of(good, floorMissed)));
        Map<String, Object> sinkSlow = new LinkedHashMap<>(good);
        sinkSlow.put("sink_postgres_vs_plain_jdbc_all_tables", 0.49);
        assertFalse(Aims.allMet(List.of(sinkSlow)));
        assertTrue(Aims.render(List.of(sinkSlow)).contains("NOT MET"));

        // A stage that did not run is not a failed aim, but a run where no aim could be checked meets nothing.
        Map<String, Object> noSinks = new LinkedHashMap<>(good);
        noSinks.remove("sink_sqlite_vs_plain_jdbc_all_tables");
        assertTrue(Aims.allMet(List.of(noSinks)));
        String partial = Aims.render(List.of(noSinks));
        assertTrue(partial.contains("not run  sink into SQLite"), partial);
        assertTrue(partial.endsWith("aims: every aim that ran met; 1 not run\n"), partial);
        assertFalse(partial.contains("every aim met"), partial);
        assertFalse(Aims.allMet(List.of(Map.of("n", 1_000))));
    }

    @Test
    void theSinksBestFromStartIsItsShortestRoundNotTheShortestPartsOfTwo() {
        AllTablesJdbcInsert.Result all = new AllTablesJdbcInsert.Result(100, 300, 1.0, 0.5);
        SinkStage.SinkRound slowStart = new SinkStage.SinkRound(new SinkStage.SinkTiming(10.0, 4.0, 6.0, 5, 2.0),
                80, 100, 1000.0, all);
        SinkStage.SinkRound slowWriting = new SinkStage.SinkRound(new SinkStage.SinkTiming(12.0, 1.0, 11.0, 5, 2.0),
                80, 100, 1000.0, all);

        SinkStage.SinkTiming best = SinkStage.SinkRound.best(List.of(slowStart, slowWriting)).sink();

        assertEquals(10.0, best.fromStartSeconds(), "the first round's own total, not 1 + 6");
        assertEquals(1.0, best.startupSeconds());
        assertEquals(6.0, best.writingSeconds());
    }
}
