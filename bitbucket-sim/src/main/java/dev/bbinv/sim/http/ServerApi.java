package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.estate.AdminUsers;
import dev.bbinv.sim.estate.CommitHistories;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerProject;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.sim.estate.ServerUser;
import dev.bbinv.sim.fault.Fault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/** The Bitbucket Data Center REST 1.0 endpoints: routing, admin checks, start/limit paging, raw files. */
final class ServerApi {
    static final int DEFAULT_LIMIT = 25;

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
    private final ServerSearchApi search;

    ServerApi(HttpSettings settings) {
        this.settings = settings;
        this.json = new ServerJson(settings.serverBase(), settings.serverVersion());
        this.search = new ServerSearchApi(settings);
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

    /** The answered page size: the requested limit (default 25) capped by the server. */
    int limit(SimRequest req) {
        int limit = req.intParam("limit", DEFAULT_LIMIT);
        if (limit < 1) {
            throw new BadRequest("limit", "limit must be a positive number");
        }
        return Math.min(limit, settings.serverLimitCap());
    }

    /** The 1-based page a request asks for, used to aim faults. */
    int pageOf(SimRequest req) {
        int start = Math.max(0, req.intParam("start", 0));
        return start / settings.serverStartStride() / limit(req) + 1;
    }

    SimResponse handle(Route route, SimRequest req, int page) {
        ServerEstate e = estate();
        switch (route) {
            case APPLICATION_PROPERTIES:
                return SimResponse.json(200, json.applicationProperties(settings.serverVersion()));
            case PROJECTS: {
                String name = lower(req.param("name"));
                List<ServerProject> projects = e.projects();
                if (name != null) {
                    projects = projects.stream().filter(p -> p.name().toLowerCase(Locale.ROOT).contains(name))
                            .toList();
                }
                return page(req, page, projects, p -> json.project(p, owner(p)));
            }
            case PROJECT: {
                ServerProject p = e.project(req.segments().get(1));
                return p == null ? noProject(req.segments().get(1)) : SimResponse.json(200, json.project(p, owner(p)));
            }
            case PROJECT_REPOS: {
                ServerProject p = e.project(req.segments().get(1));
                if (p == null) {
                    return noProject(req.segments().get(1));
                }
                return page(req, page, e.repositories(p.key()), r -> json.repository(r, p, owner(p)));
            }
            case PROJECT_REPO: {
                ServerProject p = e.project(req.segments().get(1));
                if (p == null) {
                    return noProject(req.segments().get(1));
                }
                ServerRepo r = e.repository(p.key(), req.segments().get(3));
                return r == null ? noRepo(p.key(), req.segments().get(3))
                        : SimResponse.json(200, json.repository(r, p, owner(p)));
            }
            case RAW:
                return raw(req);
            case DEFAULT_BRANCH:
                return defaultBranch(req);
            case COMMITS:
                return commits(req, page);
            case REPOS:
                return repos(req, page);
            case ADMIN_USERS:
                return adminUsers(req, page, e.adminUsers());
            case USERS:
                return page(req, page, users(req), json::user);
            case REPOS_MATCHING_ROOT_FILE: {
                SimResponse off = search.switchedOff(req);
                return off != null ? off : page(req, page, search.matching(req), r -> {
                    ServerProject p = e.project(r.projectKey());
                    return json.repository(r, p, owner(p));
                });
            }
            default:
                throw new IllegalStateException("unrouted " + route);
        }
    }

    private SimResponse adminUsers(SimRequest req, int page, AdminUsers answer) {
        switch (answer) {
            case NOT_FOUND:
                return error(404, null, "No resource is hosted at " + req.path(), null);
            case METHOD_NOT_ALLOWED:
                return error(405, null, "Method GET is not allowed for " + req.path(), null);
            default:
                if (!req.credential().admin()) {
                    return answer == AdminUsers.ADMINS_ONLY_FORBIDDEN
                            ? error(403, null, "You are not permitted to access this resource",
                            "com.atlassian.bitbucket.AuthorisationException")
                            : error(401, null, "You are not permitted to access this resource",
                            "com.atlassian.bitbucket.AuthorisationException");
                }
                return page(req, page, users(req), json::detailedUser);
        }
    }

    static SimResponse error(int status, String context, String message, String exceptionName) {
        return SimResponse.json(status, ServerJson.errors(context, message, exceptionName));
    }

    private SimResponse repos(SimRequest req, int page) {
        ServerEstate.AllRepos all = estate().allRepositories();
        String archived = req.param("archived") == null ? "ACTIVE" : req.param("archived").trim().toUpperCase(Locale.ROOT);
        ServerRepo[] base = switch (archived) {
            case "ACTIVE" -> all.active();
            case "ARCHIVED" -> all.archived();
            case "ALL" -> all.all();
            default -> throw new BadRequest("archived", "archived must be one of ACTIVE, ARCHIVED, ALL");
        };
        String projectKey = req.param("projectkey");
        String name = lower(req.param("name"));
        String visibility = lower(req.param("visibility"));
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw new BadRequest("visibility", "visibility must be public or private, got " + visibility);
        }
        List<ServerRepo> list = Arrays.asList(base);
        if (projectKey != null || name != null || visibility != null) {
            Predicate<ServerRepo> keep = r -> (projectKey == null || r.projectKey().equalsIgnoreCase(projectKey.trim()))
                    && (name == null || r.name().toLowerCase(Locale.ROOT).contains(name))
                    && (visibility == null || r.isPublic() == visibility.equals("public"));
            list = list.stream().filter(keep).toList();
        }
        return page(req, page, list, r -> {
            ServerProject p = estate().project(r.projectKey());
            return json.repository(r, p, owner(p));
        });
    }

    private SimResponse raw(SimRequest req) {
        ServerEstate e = estate();
        ServerProject p = e.project(req.segments().get(1));
        if (p == null) {
            return noProject(req.segments().get(1));
        }
        ServerRepo r = e.repository(p.key(), req.segments().get(3));
        if (r == null) {
            return noRepo(p.key(), req.segments().get(3));
        }
        String path = String.join("/", req.segments().subList(5, req.segments().size()));
        String at = req.param("at");
        // "at: ... or the default branch if not specified": an empty at= specifies nothing.
        String revision = at != null && !at.isBlank() ? at : r.defaultBranch() == null ? null : "refs/heads/" + r.defaultBranch();
        if (revision == null) {
            return error(404, null, "The repository " + p.key() + "/" + r.slug() + " is empty",
                    "com.atlassian.bitbucket.repository.NoDefaultBranchException");
        }
        boolean known = r.defaultBranch() != null && (revision.equals(r.defaultBranch())
                || revision.equals("refs/heads/" + r.defaultBranch())
                || (revision.length() >= 7 && r.headCommit().startsWith(revision)));
        if (!known) {
            return error(404, null, "Commit '" + revision + "' does not exist in repository '" + r.slug() + "'.",
                    "com.atlassian.bitbucket.commit.NoSuchCommitException");
        }
        String content = r.files().get(path);
        if (content == null) {
            return error(404, null, "The path \"" + path + "\" does not exist at revision \"" + revision + "\"",
                    "com.atlassian.bitbucket.content.NoSuchPathException");
        }
        return new SimResponse(200, "text/plain;charset=UTF-8", new LinkedHashMap<>(),
                content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The commits reachable from {@code until} (a branch, {@code refs/heads/...} or a commit id; the default branch
     * when absent), newest first. An empty repository has no commit: without {@code until} an empty page, with a
     * branch 404 as for any ref that does not exist.
     */
    private SimResponse commits(SimRequest req, int page) {
        ServerEstate e = estate();
        ServerProject p = e.project(req.segments().get(1));
        if (p == null) {
            return noProject(req.segments().get(1));
        }
        ServerRepo r = e.repository(p.key(), req.segments().get(3));
        if (r == null) {
            return noRepo(p.key(), req.segments().get(3));
        }
        String until = req.param("until");
        List<CommitHistories.SimCommit> commits = e.commits(r);
        if (until == null || until.isBlank()) {
            return page(req, page, commits, json::commit);
        }
        int from = -1;
        if (r.defaultBranch() != null && (until.equals(r.defaultBranch()) || until.equals("refs/heads/" + r.defaultBranch()))) {
            from = commits.isEmpty() ? -1 : 0;
        } else {
            for (int i = 0; i < commits.size() && from < 0; i++) {
                from = until.length() >= 7 && commits.get(i).hash().startsWith(until) ? i : -1;
            }
        }
        if (from < 0) {
            return error(404, null, "Commit '" + until + "' does not exist in repository '" + r.slug() + "'.",
                    "com.atlassian.bitbucket.commit.NoSuchCommitException");
        }
        return page(req, page, commits.subList(from, commits.size()), json::commit);
    }

    /**
     * The repository's configured default branch as a RestMinimalRef. The spec: it is answered "even if the ref has not
     * been created yet", so an empty repository answers the branch its first push will create, not 404 or 204 (that
     * is the deprecated {@code branches/default}).
     */
    private SimResponse defaultBranch(SimRequest req) {
        ServerEstate e = estate();
        ServerProject p = e.project(req.segments().get(1));
        if (p == null) {
            return noProject(req.segments().get(1));
        }
        ServerRepo r = e.repository(p.key(), req.segments().get(3));
        if (r == null) {
            return noRepo(p.key(), req.segments().get(3));
        }
        return SimResponse.json(200, json.minimalRef(r.defaultBranch() != null ? r.defaultBranch()
                : ServerEstate.CONFIGURED_DEFAULT_BRANCH));
    }

    private List<ServerUser> users(SimRequest req) {
        String filter = lower(req.param("filter"));
        List<ServerUser> users = estate().users();
        if (filter == null) {
            return users;
        }
        return users.stream().filter(u -> u.name().toLowerCase(Locale.ROOT).contains(filter)
                || u.displayName().toLowerCase(Locale.ROOT).contains(filter)
                || u.emailAddress().toLowerCase(Locale.ROOT).contains(filter)).toList();
    }

    /**
     * One DC page. Positions are encoded as {@code index * stride} in {@code start}/{@code nextPageStart}, so a
     * client that computes start+size instead of following nextPageStart re-reads or skips items.
     */
    private <T> SimResponse page(SimRequest req, int page, List<T> items, Function<T, ObjectNode> render) {
        int limit = limit(req);
        int start = req.intParam("start", 0);
        if (start < 0) {
            throw new BadRequest("start", "start must not be negative");
        }
        int stride = settings.serverStartStride();
        int from = Math.min(start / stride, items.size());
        int to = (int) Math.min((long) from + limit, items.size());
        Dialect d = Dialect.SERVER;
        boolean duplicate = from > 0 && settings.faults().takeOne(d, req.path(), page, Fault.Kind.DUPLICATES) != null;
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        boolean skip = from < to && settings.faults().takeOne(d, req.path(), page, Fault.Kind.SKIPS) != null;
        for (int i = duplicate ? from - 1 : skip ? from + 1 : from; i < to; i++) {
            values.add(render.apply(items.get(i)));
        }
        Fault inflated = settings.faults().takeOne(d, req.path(), page, Fault.Kind.SIZE_INFLATED);
        env.put("size", values.size() + (inflated == null ? 0 : inflated.extra()));
        env.put("limit", limit);
        boolean last = to >= items.size();
        // Injected fault: "isLastPage": false without "nextPageStart"; the client cannot continue.
        boolean dropNext = !last && settings.faults().takeOne(d, req.path(), page, Fault.Kind.MISSING_NEXT) != null;
        env.put("isLastPage", last);
        env.set("values", values);
        env.put("start", start);
        if (!last && !dropNext) {
            env.put("nextPageStart", to * stride);
        }
        return SimResponse.json(200, env);
    }

    private ServerUser owner(ServerProject p) {
        if (!p.personal()) {
            return null;
        }
        for (ServerUser u : estate().users()) {
            if (u.slug().equals(p.ownerSlug())) {
                return u;
            }
        }
        return null;
    }

    private static SimResponse noProject(String key) {
        return error(404, null, "Project " + key + " does not exist.",
                "com.atlassian.bitbucket.project.NoSuchProjectException");
    }

    private static SimResponse noRepo(String key, String slug) {
        return error(404, null, "Repository " + key + "/" + slug + " does not exist.",
                "com.atlassian.bitbucket.repository.NoSuchRepositoryException");
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private ServerEstate estate() {
        return settings.estate().server();
    }
}
