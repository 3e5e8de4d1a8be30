package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CommitHistories;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerRepo;

import java.util.List;

/** Data Center's history and refs: {@code /projects/{key}/repos/{slug}/commits} and {@code .../default-branch}. */
final class ServerCommitRoutes {
    private final HttpSettings settings;
    private final ServerJson json;
    private final ServerPager pager;

    ServerCommitRoutes(HttpSettings settings, ServerJson json, ServerPager pager) {
        this.settings = settings;
        this.json = json;
        this.pager = pager;
    }

    /**
     * The commits reachable from {@code until} (a branch, {@code refs/heads/...} or a commit id; the default branch
     * when absent), newest first. An empty repository has no commit: without {@code until} an empty page, with a
     * branch 404 as for any ref that does not exist.
     */
    SimResponse commits(SimRequest req, ServerRepo r, int page) {
        String until = req.param("until");
        List<CommitHistories.SimCommit> commits = settings.estate().server().commits(r);
        if (until == null || until.isBlank()) {
            return pager.page(req, page, commits, json::commit);
        }
        int from = Revisions.namesServerBranch(until, r.defaultBranch()) ? 0 : Revisions.indexOf(until, commits);
        if (commits.isEmpty() || from < 0) {
            return ServerApi.error(404, null, "Commit '" + until + "' does not exist in repository '" + r.slug() + "'.",
                    "com.atlassian.bitbucket.commit.NoSuchCommitException");
        }
        return pager.page(req, page, commits.subList(from, commits.size()), json::commit);
    }

    /**
     * The repository's configured default branch as a RestMinimalRef. The spec: it is answered "even if the ref has not
     * been created yet", so an empty repository answers the branch its first push will create, not 404 or 204 (that
     * is the deprecated {@code branches/default}).
     */
    SimResponse defaultBranch(ServerRepo r) {
        return SimResponse.json(200, json.minimalRef(r.defaultBranch() != null ? r.defaultBranch()
                : ServerEstate.CONFIGURED_DEFAULT_BRANCH));
    }
}
