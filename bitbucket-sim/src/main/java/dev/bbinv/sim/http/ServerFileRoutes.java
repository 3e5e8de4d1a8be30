package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.ServerRepo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/** Data Center's file reads: {@code /projects/{key}/repos/{slug}/raw/{path}?at=}. */
final class ServerFileRoutes {

    /** {@code at}: a branch, {@code refs/heads/...} or a commit id; the default branch when absent or empty. */
    SimResponse raw(SimRequest req, ServerRepo r) {
        String path = String.join("/", req.segments().subList(5, req.segments().size()));
        String at = req.param("at");
        // "at: ... or the default branch if not specified": an empty at= specifies nothing.
        String revision = at != null && !at.isBlank() ? at : r.defaultBranch() == null ? null : "refs/heads/" + r.defaultBranch();
        if (revision == null) {
            return ServerApi.error(404, null, "The repository " + r.projectKey() + "/" + r.slug() + " is empty",
                    "com.atlassian.bitbucket.repository.NoDefaultBranchException");
        }
        // An empty repository has no commit. Files are served at the head only: a commit id names the head or nothing.
        boolean known = r.defaultBranch() != null && (Revisions.namesServerBranch(revision, r.defaultBranch())
                || Revisions.abbreviates(revision, r.headCommit()));
        if (!known) {
            return ServerApi.error(404, null,
                    "Commit '" + revision + "' does not exist in repository '" + r.slug() + "'.",
                    "com.atlassian.bitbucket.commit.NoSuchCommitException");
        }
        String content = r.files().get(path);
        if (content == null) {
            return ServerApi.error(404, null,
                    "The path \"" + path + "\" does not exist at revision \"" + revision + "\"",
                    "com.atlassian.bitbucket.content.NoSuchPathException");
        }
        return new SimResponse(200, "text/plain;charset=UTF-8", new LinkedHashMap<>(),
                content.getBytes(StandardCharsets.UTF_8));
    }
}
