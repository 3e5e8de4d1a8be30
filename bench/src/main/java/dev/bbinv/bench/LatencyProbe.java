package dev.bbinv.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import java.util.function.BiConsumer;

/**
 * Measures change-to-row latency: changes repository descriptions in the simulator (by uuid) one after another and watches
 * the inventory database for each new description.
 */
final class LatencyProbe {
    static final String MARK = "bench-change-";

    private LatencyProbe() {}

    /** Returns one latency in milliseconds per change, in change order. */
    static long[] run(BiConsumer<String, String> setDescription, String jdbcUrl, List<String> repoUuids, Duration spacing, Duration timeout)
            throws Exception {
        int n = repoUuids.size();
        long[] changedAt = new long[n];
        long[] seenAt = new long[n];
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            for (int k = 0; k < n; k++) {
                changedAt[k] = System.nanoTime();
                setDescription.accept(repoUuids.get(k), MARK + k);
                Thread.sleep(spacing.toMillis());
                poll(c, seenAt);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (poll(c, seenAt) < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("changes not in the database within " + timeout);
                }
                Thread.sleep(20);
            }
        }
        long[] latencies = new long[n];
        for (int k = 0; k < n; k++) {
            latencies[k] = Math.max(0, (seenAt[k] - changedAt[k]) / 1_000_000);
        }
        return latencies;
    }

    /** Records when each marked description was first seen; returns how many have been seen. */
    private static int poll(Connection c, long[] seenAt) {
        long now = System.nanoTime();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT description FROM repositories WHERE description LIKE '" + MARK + "%'")) {
            while (rs.next()) {
                int k = Integer.parseInt(rs.getString(1).substring(MARK.length()));
                if (seenAt[k] == 0) {
                    seenAt[k] = now;
                }
            }
        } catch (SQLException e) {
            // The sink holds the write lock for a moment; the next poll reads again.
        }
        int seen = 0;
        for (long t : seenAt) {
            if (t != 0) {
                seen++;
            }
        }
        return seen;
    }
}
