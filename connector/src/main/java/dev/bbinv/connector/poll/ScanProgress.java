package dev.bbinv.connector.poll;

import java.time.Duration;

/** The content of a running scan's periodic progress line: a pure function of its counters. */
public final class ScanProgress {
    private ScanProgress() {}

    /**
     * E.g. "scan progress of profile p, repositories in scope acme: pages 12, entities 1200 of 5000, 40.0 entities/s,
     * 880 requests left in the budget, about 95 s left". The estimate appears only when {@code total} is known
     * (Cloud {@code size}) and some entities were seen; {@code entities} counts this run only, resumed pages excluded.
     */
    public static String line(ScopeKey key, int pagesDone, int entities, Duration elapsed, int requestsLeft,
            Long total) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = entities / seconds;
        StringBuilder line = new StringBuilder("scan progress of profile ").append(key.profile()).append(", ")
                .append(ScopeWords.listing(key)).append(": pages ")
                .append(pagesDone).append(", entities ").append(entities);
        if (total != null) {
            line.append(" of ").append(total);
        }
        line.append(", ").append(String.format(java.util.Locale.ROOT, "%.1f", rate)).append(" entities/s, ")
                .append(requestsLeft).append(" requests left in the budget");
        if (total != null && rate > 0) {
            long left = Math.max(0, total - entities);
            line.append(", about ").append(Math.round(left / rate)).append(" s left");
        }
        return line.toString();
    }
}
