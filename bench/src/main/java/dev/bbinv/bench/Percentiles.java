package dev.bbinv.bench;

import java.util.Arrays;

/** Pure: nearest-rank percentiles of a set of samples. */
final class Percentiles {
    private Percentiles() {}

    /** The nearest-rank {@code p}-th percentile (0 < p <= 100) of non-empty samples. */
    static long of(long[] samples, double p) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
