package dev.bbinv.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The bench command line: which sizes and stages to run and where to write the JSON. */
record BenchOptions(List<Integer> sizes, Path out, Path workDir, Set<String> stages, String simHeap,
        Integer fetchConcurrency) {
    static final List<Integer> DEFAULT_SIZES = List.of(1_000, 10_000, 100_000);
    /**
     * Stages after the first complete inventory (which always runs: the others read what it wrote): the incremental
     * and repeated scans with the latency probe, the two sinks, the enricher replay, the scan with search off.
     */
    static final List<String> STAGES = List.of("e2e", "sinks", "enricher", "search-off");

    /** Pure: parses {@code --quick}, {@code --sizes a,b,c}, {@code --out FILE}, {@code --work DIR}. */
    static BenchOptions parse(String... args) {
        List<Integer> sizes = DEFAULT_SIZES;
        Path out = Path.of("bench-results.json");
        Path work = Path.of("target", "bench-work");
        Set<String> stages = Set.copyOf(STAGES);
        String simHeap = null;
        Integer fetchConcurrency = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> sizes = List.of(1_000);
                case "--sizes" -> sizes = parseSizes(value(args, ++i, "--sizes"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                case "--stages" -> stages = parseStages(value(args, ++i, "--stages"));
                case "--sim-heap" -> simHeap = parseHeap(value(args, ++i, "--sim-heap"));
                case "--fetch-concurrency" -> fetchConcurrency = parseConcurrency(value(args, ++i, "--fetch-concurrency"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --quick, --sizes N[,N...], --stages S[,S...], --out FILE.json, --work DIR,"
                        + " --sim-heap SIZE, --fetch-concurrency N");
            }
        }
        return new BenchOptions(sizes, out, work, stages, simHeap, fetchConcurrency);
    }

    /**
     * The simulator process's -Xmx for an estate of {@code n} repositories: {@code --sim-heap}, or 1 GiB plus 3 MiB
     * per thousand repositories (its estate, search index and answers; 4 GiB at a million).
     */
    String simHeapFor(int n) {
        return simHeap != null ? simHeap : (1024 + 3 * (n / 1000)) + "m";
    }

    /** The connector's catalog file and commit reads at once per profile (its settings allow 1 to 32). */
    private static Integer parseConcurrency(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 32) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--fetch-concurrency: '" + text + "' is not a number from 1 to 32");
    }

    private static String parseHeap(String text) {
        if (!text.matches("[1-9][0-9]*[mMgG]")) {
            throw new IllegalArgumentException("--sim-heap: '" + text + "' is not a heap size like 512m or 4g");
        }
        return text;
    }

    private static Set<String> parseStages(String text) {
        Set<String> stages = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String stage = part.trim();
            if (!STAGES.contains(stage)) {
                throw new IllegalArgumentException("--stages: '" + stage + "' is not one of " + String.join(", ", STAGES));
            }
            stages.add(stage);
        }
        return Set.copyOf(stages);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static List<Integer> parseSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int n = Integer.parseInt(part.trim().replace("_", ""));
                if (n < 200) {
                    throw new IllegalArgumentException("--sizes: " + n + " is below 200 (the latency probe changes 200 repositories)");
                }
                sizes.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes: '" + part + "' is not a whole number", e);
            }
        }
        return List.copyOf(sizes);
    }
}
