package dev.bbinv.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bench command line: which sizes to run and where to write the JSON. */
record BenchOptions(List<Integer> sizes, Path out, Path workDir) {
    static final List<Integer> DEFAULT_SIZES = List.of(1_000, 10_000, 100_000);

    /** Pure: parses {@code --quick}, {@code --sizes a,b,c}, {@code --out FILE}, {@code --work DIR}. */
    static BenchOptions parse(String... args) {
        List<Integer> sizes = DEFAULT_SIZES;
        Path out = Path.of("bench-results.json");
        Path work = Path.of("target", "bench-work");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> sizes = List.of(1_000);
                case "--sizes" -> sizes = parseSizes(value(args, ++i, "--sizes"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --quick, --sizes N[,N...], --out FILE.json, --work DIR");
            }
        }
        return new BenchOptions(sizes, out, work);
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
