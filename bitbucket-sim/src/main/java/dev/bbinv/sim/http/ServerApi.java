package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.ServerProject;
import dev.bbinv.sim.estate.ServerRepo;

import java.util.List;

/**
 * The Bitbucket Data Center REST 1.0 endpoints: the route table, dispatch to the handlers of each resource family,
 * and DC's error bodies.
 */
final class ServerApi {
    /** The endpoints served, with the route template logged. */
    enum Route {
        APPLICATION_PROPERTIES("GET /rest/api/1.0/application-properties", false),
        PROJECTS("GET /rest/api/1.0/projects", true),
        PROJECT("GET /rest/api/1.0/projects/{projectKey}", true),
        PROJECT_REPOS("GET /rest/api/1.0/projects/{projectKey}/repos", true),
        PROJECT_REPO("GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}", true),
        RAW("GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/raw/{path}", true),
        DEFAULT_BRANCH("GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/default-branch", true),
        COMMITS("GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/commits", true),
        REPOS("GET /rest/api/1.0/repos", true),
        ADMIN_USERS("GET /rest/api/1.0/admin/users", true),
        USERS("GET /rest/api/1.0/users", true),
        REPOS_MATCHING_ROOT_FILE("GET /rest/search/latest/repos-matching-root-file", true);

        final String template;
        final boolean needsAuth;

        Route(String template, boolean needsAuth) {
            this.template = template;
            this.needsAuth = needsAuth;
        }
    }

    private final HttpSettings settings;
    private final ServerJson json;
    private final ServerPager pager;
    private final RepositoryLookup<ServerProject, ServerRepo> lookup;
    private final ServerRepositoryRoutes repositories;
    private final ServerUserRoutes users;
    private final ServerFileRoutes files;
    private final ServerCommitRoutes commits;

    ServerApi(HttpSettings settings) {
        this.settings = settings;
        this.json = new ServerJson(settings.serverBase(), settings.serverVersion());
        this.pager = new ServerPager(settings);
        this.lookup = RepositoryLookup.server(settings);
        this.repositories = new ServerRepositoryRoutes(settings, json, pager);
        this.users = new ServerUserRoutes(settings, json, pager);
        this.files = new ServerFileRoutes();
        this.commits = new ServerCommitRoutes(settings, json, pager);
    }

    static Route resolve(List<String> s) {
        if (s.size() == 1) {
            return switch (s.get(0)) {
                case "application-properties" -> Route.APPLICATION_PROPERTIES;
                case "projects" -> Route.PROJECTS;
                case "repos" -> Route.REPOS;
                case "users" -> Route.USERS;
                default -> null;
            };
        }
        if (s.size() == 2 && s.get(0).equals("admin") && s.get(1).equals("users")) {
            return Route.ADMIN_USERS;
        }
        if (!s.isEmpty() && s.get(0).equals("projects")) {
            if (s.size() == 2) {
                return Route.PROJECT;
            }
            if (s.size() == 3 && s.get(2).equals("repos")) {
                return Route.PROJECT_REPOS;
            }
            if (s.size() == 4 && s.get(2).equals("repos")) {
                return Route.PROJECT_REPO;
            }
            if (s.size() == 5 && s.get(2).equals("repos") && s.get(4).equals("default-branch")) {
                return Route.DEFAULT_BRANCH;
            }
            if (s.size() == 5 && s.get(2).equals("repos") && s.get(4).equals("commits")) {
                return Route.COMMITS;
            }
            if (s.size() >= 6 && s.get(2).equals("repos") && s.get(4).equals("raw")) {
                return Route.RAW;
            }
        }
        return null;
    }

    /** The 1-based page a request asks for, used to aim faults. */
    int pageOf(SimRequest req) {
        return pager.pageOf(req);
    }

    /** Answers a request past authentication and limits; project- and repository-scoped routes 404 when not found. */
    SimResponse handle(Route route, SimRequest req, int page) {
        return switch (route) {
            case APPLICATION_PROPERTIES -> SimResponse.json(200, json.applicationProperties(settings.serverVersion()));
            case PROJECTS -> repositories.projects(req, page);
            case PROJECT -> lookup.withOwner(req, repositories::project);
            case PROJECT_REPOS -> lookup.withOwner(req, p -> repositories.ofProject(req, p, page));
            case PROJECT_REPO -> lookup.withRepository(req, repositories::one);
            case RAW -> lookup.withRepository(req, (p, r) -> files.raw(req, r));
            case DEFAULT_BRANCH -> lookup.withRepository(req, (p, r) -> commits.defaultBranch(r));
            case COMMITS -> lookup.withRepository(req, (p, r) -> commits.commits(req, r, page));
            case REPOS -> repositories.all(req, page);
            case ADMIN_USERS -> users.adminUsers(req, page);
            case USERS -> users.users(req, page);
            case REPOS_MATCHING_ROOT_FILE -> repositories.matchingRootFile(req, page);
        };
    }

    static SimResponse error(int status, String context, String message, String exceptionName) {
        return SimResponse.json(status, ServerJson.errors(context, message, exceptionName));
    }
}
