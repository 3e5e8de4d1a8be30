package dev.bbinv.bench;

import java.util.List;
import java.util.Map;

/**
 * Pure: issue 16's aims, checked against the figures of each size. The enricher and the sink are held to the
 * baselines that do the same work; the first baselines do less than any implementation must (one table
 * instead of every table, bytes copied instead of records decoded), so their ratios are printed beside, with how far
 * the same-work baseline itself gets against them.
 */
final class Aims {
    /** {@code atMost}: the figure must be at or below {@code bound}; otherwise at or above it. */
    record Aim(String figure, boolean atMost, double bound, String what) {
        /** True or false when the run has the figure, null when its stage did not run. */
        Boolean met(Map<String, Object> run) {
            if (!(run.get(figure) instanceof Number value)) {
                return null;
            }
            return atMost ? value.doubleValue() <= bound : value.doubleValue() >= bound;
        }
    }

    static final List<Aim> AIMS = List.of(
            new Aim("requests_full_scan_vs_minimum", true, 1.05, "first complete scan, search on, vs its floor"),
            new Aim("sink_sqlite_vs_plain_jdbc_all_tables", false, 0.5, "sink into SQLite vs plain JDBC, every table"),
            new Aim("sink_postgres_vs_plain_jdbc_all_tables", false, 0.5, "sink into PostgreSQL vs plain JDBC, every table"),
            new Aim("enricher_vs_decoding_baseline", false, 0.5, "enricher vs decode, store, encode"));

    /** Figure of the first baseline, and the figure saying how far the same-work baseline gets against it. */
    record Reported(String figure, String sameWorkBaselineAgainstIt) {}

    static final List<Reported> REPORTED = List.of(
            new Reported("sink_sqlite_vs_plain_jdbc", "plain_jdbc_sqlite_all_tables_vs_one_table"),
            new Reported("sink_postgres_vs_plain_jdbc", "plain_jdbc_postgres_all_tables_vs_one_table"),
            new Reported("enricher_vs_passthrough", "decoding_baseline_vs_passthrough"));

    private Aims() {}

    /** Whether every aim whose stage ran in every run is met; false when none could be checked. */
    static boolean allMet(List<Map<String, Object>> runs) {
        boolean checked = false;
        for (Map<String, Object> run : runs) {
            for (Aim aim : AIMS) {
                Boolean met = aim.met(run);
                if (Boolean.FALSE.equals(met)) {
                    return false;
                }
                checked |= met != null;
            }
        }
        return checked;
    }

    static String render(List<Map<String, Object>> runs) {
        StringBuilder sb = new StringBuilder("aims (issue 16):\n");
        for (Map<String, Object> run : runs) {
            for (Aim aim : AIMS) {
                Boolean met = aim.met(run);
                sb.append(String.format("  N=%-9s %-40s %6s %s %-5s %-8s %s%n", run.get("n"), aim.figure(),
                        ResultTable.format(run.get(aim.figure())), aim.atMost() ? "<=" : ">=",
                        ResultTable.format(aim.bound()), met == null ? "not run" : met ? "met" : "NOT MET", aim.what()));
            }
            for (Reported r : REPORTED) {
                if (run.get(r.figure()) != null) {
                    sb.append(String.format("  N=%-9s %-40s %6s (reported; the same-work baseline gets %s of it)%n",
                            run.get("n"), r.figure(), ResultTable.format(run.get(r.figure())),
                            ResultTable.format(run.get(r.sameWorkBaselineAgainstIt()))));
                }
            }
        }
        if (!allMet(runs)) {
            return sb.append("aims: NOT every aim met\n").toString();
        }
        long notRun = runs.stream().flatMap(run -> AIMS.stream().filter(aim -> aim.met(run) == null)).count();
        return sb.append(notRun == 0 ? "aims: every aim met\n"
                : "aims: every aim that ran met; " + notRun + " not run\n").toString();
    }
}
