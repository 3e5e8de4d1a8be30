package dev.bbinv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;

/** Runs the bench on a small estate (the --quick code path with N=300 to stay short) and checks every figure. */
class BenchSmokeIT {
    static final List<String> POSITIVE = List.of("requests_full_scan", "requests_full_scan_minimum",
            "requests_full_scan_search_off", "requests_full_scan_vs_minimum", "requests_full_scan_search_pages",
            "requests_full_scan_repeat", "requests_full_scan_repeat_minimum",
            "requests_incremental_minimum", "requests_commits_first_scan", "requests_commits_first_scan_minimum",
            "connector_entities", "connector_entities_per_s", "first_inventory_s",
            "e2e_p50_ms", "e2e_p99_ms", "sink_input_records", "sink_sqlite_rows_per_s", "plain_jdbc_sqlite_rows_per_s",
            "sink_postgres_rows_per_s", "plain_jdbc_postgres_rows_per_s", "enricher_input_records",
            "enricher_records_per_s", "passthrough_records_per_s", "peak_heap_mib",
            "sink_sqlite_vs_plain_jdbc", "sink_sqlite_vs_plain_jdbc_all_tables", "sink_sqlite_vs_plain_jdbc_all_tables_cpu",
            "sink_postgres_vs_plain_jdbc", "sink_postgres_vs_plain_jdbc_all_tables",
            "plain_jdbc_sqlite_all_tables_assets_per_s", "plain_jdbc_postgres_all_tables_assets_per_s");

    @Test
    void producesEveryFigureInTheTableAndTheJsonFile() throws Exception {
        Path out = Path.of("target", "bench-smoke.json");
        Files.deleteIfExists(out);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        BenchMain.run(BenchOptions.parse("--sizes", "300", "--out", out.toString(), "--work", "target/bench-smoke"),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        JsonNode run = json.get("runs").get(0);
        assertEquals(300, run.get("n").asInt());
        assertEquals(200, run.get("e2e_changes").asInt());
        // Every aim's figure is checked and printed (met or not: at N=300 start-up dominates the ratios); the JSON's
        // verdict is the one its own runs give, and the printed one agrees.
        boolean allMet = Aims.allMet(new ObjectMapper().convertValue(json.get("runs"),
                new TypeReference<List<Map<String, Object>>>() {}));
        assertEquals(BooleanNode.valueOf(allMet), json.get("aims_met"));
        assertEquals(!allMet, printed.toString(StandardCharsets.UTF_8).contains("aims: NOT every aim met"));
        for (Aims.Aim aim : Aims.AIMS) {
            assertTrue(java.util.regex.Pattern.compile("N=300 +" + aim.figure() + " +[0-9.]+ [<>]= [0-9.]+ +(met|NOT MET)")
                    .matcher(printed.toString(StandardCharsets.UTF_8)).find(), aim.figure() + " not in the aims");
        }
        for (String figure : POSITIVE) {
            assertNotNull(run.get(figure), figure + " missing from the JSON");
            assertTrue(run.get(figure).asDouble() > 0, figure + " should be positive but was " + run.get(figure));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains(figure), figure + " missing from the table");
        }
        // The enricher stage: its second baseline and the ratios to both baselines (issue 16).
        for (String figure : List.of("decoding_baseline_records_per_s", "enricher_vs_passthrough",
                "enricher_vs_decoding_baseline", "enricher_vs_passthrough_running", "enricher_vs_decoding_running")) {
            assertTrue(run.get(figure).asDouble() > 0, figure + " should be positive but was " + run.get(figure));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains(figure), figure + " missing from the table");
        }
        assertEquals(run.get("passthrough_records_per_s").asDouble() / run.get("enricher_records_per_s").asDouble(),
                1 / run.get("enricher_vs_passthrough").asDouble(), 1e-6);
        // An unchanged estate still costs at least one listing request; zero would mean the scan was not observed.
        assertTrue(run.get("requests_incremental_unchanged").asLong() >= 1);
        assertTrue(run.get("requests_full_scan_repeat").asLong() >= run.get("requests_full_scan_repeat_minimum").asLong(),
                "a complete scan reads every listing page");
        assertTrue(run.get("e2e_p99_ms").asLong() >= run.get("e2e_p50_ms").asLong());
        // Commit reads: at least the floor on the first scan, none for an unchanged estate.
        assertTrue(run.get("requests_commits_first_scan").asLong() >= run.get("requests_commits_first_scan_minimum").asLong());
        assertEquals(0, run.get("requests_commits_repeat_unchanged").asLong());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("requests_commits_repeat_unchanged"));
        // Code search finds the catalog files: the first scan costs fewer requests than probing every repository.
        assertTrue(run.get("requests_full_scan").asLong() < run.get("requests_full_scan_search_off").asLong(),
                "search on " + run.get("requests_full_scan") + " vs off " + run.get("requests_full_scan_search_off"));
    }
}
