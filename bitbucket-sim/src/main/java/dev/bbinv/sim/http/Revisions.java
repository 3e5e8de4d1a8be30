package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CommitHistories;

import java.util.List;

/**
 * How a request's revision names a commit or a branch, the rules both dialects' commit and file routes share: a commit
 * id may be abbreviated to 7 or more characters; Data Center also names a branch as {@code refs/heads/...}.
 */
final class Revisions {
    /** The shortest abbreviation of a commit id either dialect resolves. */
    static final int MIN_ABBREVIATION = 7;

    private Revisions() {
    }

    /** Whether {@code revision} is {@code hash} or an abbreviation of it. */
    static boolean abbreviates(String revision, String hash) {
        return revision.length() >= MIN_ABBREVIATION && hash.startsWith(revision);
    }

    /** The position in {@code history} of the first commit {@code revision} abbreviates, or -1 for none. */
    static int indexOf(String revision, List<CommitHistories.SimCommit> history) {
        for (int i = 0; i < history.size(); i++) {
            if (abbreviates(revision, history.get(i).hash())) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code revision} names Data Center's {@code branch} (null: none), by name or as {@code refs/heads/name}. */
    static boolean namesServerBranch(String revision, String branch) {
        return branch != null && (revision.equals(branch) || revision.equals("refs/heads/" + branch));
    }
}
