package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CommitHistories;

import java.util.List;

/** Cloud's commit history: {@code /repositories/{ws}/{slug}/commits/{revision}}, newest first. */
final class CloudCommitRoutes {
    private final HttpSettings settings;
    private final CloudJson json;
    private final CloudPager pager;

    CloudCommitRoutes(HttpSettings settings, CloudJson json, CloudPager pager) {
        this.settings = settings;
        this.json = json;
        this.pager = pager;
    }

    /**
     * The commits of a branch (or commit), newest first. A revision that does not exist answers 404, and so does the
     * main branch of an empty repository: nothing was pushed, so the branch does not exist yet.
     */
    SimResponse list(SimRequest req, CloudRepo r, int page) {
        String revision = String.join("/", req.segments().subList(4, req.segments().size()));
        List<CommitHistories.SimCommit> commits = settings.estate().cloud().commits(r);
        int from = revision.equals(r.mainbranch()) ? 0 : Revisions.indexOf(revision, commits);
        if (commits.isEmpty() || from < 0) {
            return CloudApi.error(404, "Commit not found",
                    "Commit '" + revision + "' does not exist in " + r.fullName());
        }
        return pager.page(req, page, commits.subList(from, commits.size()), c -> json.commit(r, c));
    }
}
