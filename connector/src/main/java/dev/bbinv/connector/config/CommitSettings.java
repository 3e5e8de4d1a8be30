package dev.bbinv.connector.config;

import java.time.Duration;

/**
 * How the connector reads each repository's commit activity ({@code commits.*} settings).
 *
 * @param enabled    whether commits are read at all
 * @param windowDays how far back the committers are listed (the last commit is kept whatever its age)
 * @param refresh    Data Center only: how often an unchanged repository's commits are read again
 * @param maxPages    commit pages read per repository at most; the window is marked incomplete when cut
 * @param concurrency repositories read at the same time
 */
public record CommitSettings(boolean enabled, int windowDays, Duration refresh, int maxPages, int concurrency) {

    public CommitSettings {
        if (windowDays < 1 || maxPages < 1 || concurrency < 1 || refresh == null || refresh.isNegative()) {
            throw new IllegalArgumentException("commit settings need windowDays, maxPages and concurrency >= 1 and"
                    + " a refresh interval, got " + windowDays + ", " + maxPages + ", " + concurrency + ", " + refresh);
        }
    }

    public Duration window() {
        return Duration.ofDays(windowDays);
    }
}
