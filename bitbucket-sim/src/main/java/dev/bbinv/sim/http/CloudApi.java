package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudWorkspace;

import java.util.List;

/**
 * The Bitbucket Cloud 2.0 endpoints: the route table with each route's scope, dispatch to the handlers of each
 * resource family, and Cloud's error bodies.
 */
final class CloudApi {
    static final String SCOPE_USER = "read:user:bitbucket";
    static final String SCOPE_WORKSPACE = "read:workspace:bitbucket";
    static final String SCOPE_REPOSITORY = "read:repository:bitbucket";

    /** The endpoints served, with the route template logged and the API-token scope each needs. */
    enum Route {
        USER("GET /2.0/user", SCOPE_USER),
        USER_WORKSPACES("GET /2.0/user/workspaces", SCOPE_WORKSPACE),
        WORKSPACE("GET /2.0/workspaces/{workspace}", SCOPE_WORKSPACE),
        MEMBERS("GET /2.0/workspaces/{workspace}/members", SCOPE_WORKSPACE),
        REPOSITORIES("GET /2.0/repositories/{workspace}", SCOPE_REPOSITORY),
        REPOSITORY("GET /2.0/repositories/{workspace}/{repo_slug}", SCOPE_REPOSITORY),
        SRC("GET /2.0/repositories/{workspace}/{repo_slug}/src/{commit}/{path}", SCOPE_REPOSITORY),
        COMMITS("GET /2.0/repositories/{workspace}/{repo_slug}/commits/{revision}", SCOPE_REPOSITORY),
        SEARCH_CODE("GET /2.0/workspaces/{workspace}/search/code", SCOPE_REPOSITORY);

        final String template;
        final String scope;

        Route(String template, String scope) {
            this.template = template;
            this.scope = scope;
        }
    }

    private final RepositoryLookup<CloudWorkspace, CloudRepo> lookup;
    private final CloudAccountRoutes accounts;
    private final CloudRepositoryRoutes repositories;
    private final CloudFileRoutes files;
    private final CloudCommitRoutes commits;
    private final CloudSearchApi search;

    CloudApi(HttpSettings settings) {
        CloudJson json = new CloudJson(settings.cloudApiBase(), settings.cloudWebBase());
        CloudPager pager = new CloudPager(settings);
        this.lookup = RepositoryLookup.cloud(settings);
        this.accounts = new CloudAccountRoutes(settings, json, pager);
        this.repositories = new CloudRepositoryRoutes(json, pager);
        this.files = new CloudFileRoutes();
        this.commits = new CloudCommitRoutes(settings, json, pager);
        this.search = new CloudSearchApi(settings, json);
    }

    static Route resolve(List<String> s) {
        if (s.size() == 1 && s.get(0).equals("user")) {
            return Route.USER;
        }
        if (s.size() == 2 && s.get(0).equals("user") && s.get(1).equals("workspaces")) {
            return Route.USER_WORKSPACES;
        }
        if (s.size() == 2 && s.get(0).equals("workspaces")) {
            return Route.WORKSPACE;
        }
        if (s.size() == 4 && s.get(0).equals("workspaces") && s.get(2).equals("search") && s.get(3).equals("code")) {
            return Route.SEARCH_CODE;
        }
        if (s.size() == 3 && s.get(0).equals("workspaces") && s.get(2).equals("members")) {
            return Route.MEMBERS;
        }
        if (s.size() == 2 && s.get(0).equals("repositories")) {
            return Route.REPOSITORIES;
        }
        if (s.size() == 3 && s.get(0).equals("repositories")) {
            return Route.REPOSITORY;
        }
        if (s.size() >= 6 && s.get(0).equals("repositories") && s.get(3).equals("src")) {
            return Route.SRC;
        }
        if (s.size() >= 5 && s.get(0).equals("repositories") && s.get(3).equals("commits")) {
            return Route.COMMITS;
        }
        return null;
    }

    /** Answers an authenticated, authorised request; workspace- and repository-scoped routes 404 when not found. */
    SimResponse handle(Route route, SimRequest req, int page) {
        return switch (route) {
            case USER -> accounts.user(req);
            case USER_WORKSPACES -> accounts.userWorkspaces(req, page);
            case WORKSPACE -> lookup.withOwner(req, w -> accounts.workspace(req, w));
            case MEMBERS -> lookup.withOwner(req, w -> accounts.members(req, w, page));
            case REPOSITORIES -> lookup.withOwner(req, w -> repositories.list(req, w, page));
            case REPOSITORY -> lookup.withRepository(req, (w, r) -> repositories.one(req, w, r));
            case SRC -> lookup.withRepository(req, (w, r) -> files.src(req, r));
            case COMMITS -> lookup.withRepository(req, (w, r) -> commits.list(req, r, page));
            case SEARCH_CODE -> lookup.withOwner(req, w -> search.search(req, w, page));
        };
    }

    static SimResponse error(int status, String message, String detail) {
        return SimResponse.json(status, CloudJson.error(message, detail));
    }

    /** Cloud's 403 for an API token lacking a scope: names the scope in {@code detail} and {@code data}. */
    static SimResponse missingScope(Credential c, String scope) {
        ObjectNode body = CloudJson.error("Your credentials lack one or more required privilege scopes.",
                "Required scope: " + scope + ". Granted: " + String.join(", ", c.scopes().stream().sorted().toList()));
        ObjectNode data = ((ObjectNode) body.get("error")).putObject("data");
        data.putArray("required").add(scope);
        ArrayNode granted = data.putArray("granted");
        c.scopes().stream().sorted().forEach(granted::add);
        return SimResponse.json(403, body);
    }
}
