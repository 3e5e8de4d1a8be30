package dev.bbinv.sim.http;

import java.util.List;
import java.util.Locale;

import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerProject;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.sim.search.CodeSearch;

/**
 * {@code GET /rest/search/latest/repos-matching-root-file?query=&rootFile=}, served by Data Center's search plugin and
 * absent from its REST API description: the repositories whose default branch has {@code rootFile} at its root, in
 * DC's paged envelope ({@link ServerRepositoryRoutes} pages them). {@code query} is matched loosely (in the project's
 * name or key or the repository's name, case-insensitive), so a caller must filter by project itself, as Atlassian's
 * Jenkins plugin does. Switched off and lagging exactly as Cloud's code search ({@link CodeSearch}).
 */
final class ServerSearchApi {
    static final String PREFIX = "/rest/search/latest";

    private final HttpSettings settings;

    ServerSearchApi(HttpSettings settings) {
        this.settings = settings;
    }

    static ServerApi.Route resolve(List<String> segments) {
        return segments.equals(List.of("repos-matching-root-file")) ? ServerApi.Route.REPOS_MATCHING_ROOT_FILE : null;
    }

    /** The answer while search is switched off (404: no search plugin serves the path; 403 or 401: refused), else null. */
    SimResponse switchedOff(SimRequest req) {
        CodeSearch search = settings.codeSearch();
        if (search.enabled()) {
            return null;
        }
        int status = search.disabledStatus();
        return status == 404 ? ServerApi.error(404, null, "No resource is hosted at " + req.path(), null)
                : ServerApi.error(status, null, "You are not permitted to access this resource",
                "com.atlassian.bitbucket.AuthorisationException");
    }

    /** The repositories the query and the root file match, in project then creation order. */
    List<ServerRepo> matching(SimRequest req) {
        String query = req.param("query");
        String rootFile = req.param("rootFile");
        if (query == null || query.isBlank()) {
            throw new BadRequest("query", "query is required");
        }
        if (rootFile == null || rootFile.isBlank() || rootFile.contains("/")) {
            throw new BadRequest("rootFile", "rootFile must name a file at the repository root");
        }
        String q = query.trim().toLowerCase(Locale.ROOT);
        ServerEstate estate = settings.estate().server();
        return settings.codeSearch().withRootFile(estate, rootFile).stream().filter(r -> {
            ServerProject p = estate.project(r.projectKey());
            return contains(p.name(), q) || contains(p.key(), q) || contains(r.name(), q);
        }).toList();
    }

    private static boolean contains(String text, String lowerQuery) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerQuery);
    }
}
