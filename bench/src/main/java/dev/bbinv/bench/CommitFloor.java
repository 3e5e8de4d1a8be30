package dev.bbinv.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pure: the fewest commit requests a repository's first read needs. One page at least (an empty repository's 404
 * included); after that, as many pages as it takes to reach the first commit older than the window or the end of the
 * history, at most the page cap.
 */
final class CommitFloor {
    private CommitFloor() {}

    /**
     * @param dates     the branch's commit dates, newest first (empty: an empty repository)
     * @param hasBranch whether the repository has a default branch (none: nothing to read)
     */
    static long requests(List<Instant> dates, boolean hasBranch, Instant now, Duration window, int pageSize,
            int maxPages) {
        if (!hasBranch) {
            return 0;
        }
        Instant from = now.minus(window);
        int inWindow = 0;
        while (inWindow < dates.size() && !dates.get(inWindow).isBefore(from)) {
            inWindow++;
        }
        return requests(dates.size(), inWindow, true, pageSize, maxPages);
    }

    /**
     * The same from a repository's shape alone: {@code commits} on its branch, the newest {@code inWindow} of them
     * inside the window (what the simulator's estate figures give, without a commit list per repository).
     */
    static long requests(int commits, int inWindow, boolean hasBranch, int pageSize, int maxPages) {
        if (!hasBranch) {
            return 0;
        }
        // Reading stops on the page that shows the first older commit, or on the last page.
        int needed = inWindow < commits ? inWindow / pageSize + 1 : Math.max(1, (commits + pageSize - 1) / pageSize);
        return Math.min(needed, maxPages);
    }
}
