package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.auth.Dialect;
import dev.bbinv.sim.estate.CloudEstate;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudUser;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.CommitHistories;
import dev.bbinv.sim.fault.Fault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/** The Bitbucket Cloud 2.0 endpoints: routing, scopes, paging, q/sort/fields, and the {@code src} files. */
final class CloudApi {
    static final String SCOPE_USER = "read:user:bitbucket";
    static final String SCOPE_WORKSPACE = "read:workspace:bitbucket";
    static final String SCOPE_REPOSITORY = "read:repository:bitbucket";
    private static final int DEFAULT_PAGELEN = 10;
    private static final int MAX_PAGELEN = 100;

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

    private final HttpSettings settings;
    private final CloudJson json;
    private final CloudSearchApi search;

    CloudApi(HttpSettings settings) {
        this.settings = settings;
        this.json = new CloudJson(settings.cloudApiBase(), settings.cloudWebBase());
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

    SimResponse handle(Route route, SimRequest req, int page) {
        return switch (route) {
            case USER -> SimResponse.json(200,
                    FieldsFilter.apply(json.currentUser(currentUser(req.credential())), req.param("fields")));
            case USER_WORKSPACES -> userWorkspaces(req, page);
            case WORKSPACE -> {
                CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
                yield w == null ? noWorkspace(req.segments().get(1))
                        : SimResponse.json(200, FieldsFilter.apply(json.fullWorkspace(w), req.param("fields")));
            }
            case MEMBERS -> members(req, page);
            case REPOSITORIES -> repositories(req, page);
            case REPOSITORY -> repository(req);
            case SRC -> src(req);
            case COMMITS -> commits(req, page);
            case SEARCH_CODE -> {
                CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
                yield w == null ? noWorkspace(req.segments().get(1)) : search.search(req, w, page);
            }
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

    private SimResponse userWorkspaces(SimRequest req, int page) {
        List<CloudWorkspace> visible = new ArrayList<>();
        for (CloudWorkspace w : estate().workspaces()) {
            if (req.credential().seesWorkspace(w.slug())) {
                visible.add(w);
            }
        }
        if ("slug".equals(req.param("sort"))) {
            visible.sort(Comparator.comparing(CloudWorkspace::slug));
        }
        return page(req, page, visible, w -> json.workspaceAccess(w, req.credential().admin()), null);
    }

    private SimResponse members(SimRequest req, int page) {
        CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
        if (w == null) {
            return noWorkspace(req.segments().get(1));
        }
        // Emails only for administrators who ask for them, as Cloud does since its GDPR changes.
        String fields = req.param("fields");
        boolean emails = req.credential().admin() && fields != null && fields.contains("user.email");
        return page(req, page, w.members(), u -> json.membership(u, w, emails),
                settings.faults().takeOne(Dialect.CLOUD, req.path(), page, Fault.Kind.DUPLICATES));
    }

    private SimResponse repositories(SimRequest req, int page) {
        CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
        if (w == null) {
            return noWorkspace(req.segments().get(1));
        }
        List<CloudRepo> candidates = select(w.snapshot(), CloudQuery.parse(req.param("q")), req.param("sort"));
        return page(req, page, candidates, r -> json.repository(r, w),
                settings.faults().takeOne(Dialect.CLOUD, req.path(), page, Fault.Kind.DUPLICATES));
    }

    /** Plans a listing: the updated_on index answers sort=±updated_on with range conditions in O(log n). */
    static List<CloudRepo> select(CloudWorkspace.Snapshot s, CloudQuery query, String sortParam) {
        List<CloudQuery.Condition> residual = new ArrayList<>(query.conditions());
        List<CloudRepo> candidates;
        String sort = sortParam == null ? "" : sortParam.trim();
        if (sort.isEmpty()) {
            candidates = Arrays.asList(s.byCreation());
        } else if (sort.equals("updated_on") || sort.equals("-updated_on")) {
            CloudRepo[] byUpdated = s.byUpdated();
            int lo = 0;
            int hi = byUpdated.length;
            for (CloudQuery.Condition c : List.copyOf(residual)) {
                if (!CloudQuery.isUpdatedOnRange(c)) {
                    continue;
                }
                Instant bound = Timestamps.parse(c.value());
                switch (c.op()) {
                    case ">" -> lo = Math.max(lo, firstIndex(byUpdated, r -> r.updatedOn().isAfter(bound)));
                    case ">=" -> lo = Math.max(lo, firstIndex(byUpdated, r -> !r.updatedOn().isBefore(bound)));
                    case "<" -> hi = Math.min(hi, firstIndex(byUpdated, r -> !r.updatedOn().isBefore(bound)));
                    default -> hi = Math.min(hi, firstIndex(byUpdated, r -> r.updatedOn().isAfter(bound)));
                }
                residual.remove(c);
            }
            List<CloudRepo> range = Arrays.asList(byUpdated).subList(lo, Math.max(lo, hi));
            candidates = sort.startsWith("-") ? reversed(range) : range;
        } else {
            boolean descending = sort.startsWith("-");
            String field = descending ? sort.substring(1) : sort;
            Comparator<CloudRepo> order = switch (field) {
                case "created_on" -> Comparator.comparing(CloudRepo::createdOn);
                case "name" -> Comparator.comparing(CloudRepo::name);
                case "slug" -> Comparator.comparing(CloudRepo::slug);
                case "full_name" -> Comparator.comparing(CloudRepo::fullName);
                case "size" -> Comparator.comparingLong(CloudRepo::size);
                default -> throw new BadRequest("sort", "Invalid sort field: " + field);
            };
            List<CloudRepo> sorted = new ArrayList<>(Arrays.asList(s.byCreation()));
            sorted.sort(descending ? order.reversed() : order);
            candidates = sorted;
        }
        if (residual.isEmpty()) {
            return candidates;
        }
        Predicate<CloudRepo> all = r -> true;
        for (CloudQuery.Condition c : residual) {
            all = all.and(CloudQuery.predicate(c));
        }
        return candidates.stream().filter(all).toList();
    }

    private SimResponse repository(SimRequest req) {
        CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
        if (w == null) {
            return noWorkspace(req.segments().get(1));
        }
        CloudRepo r = findRepo(w, req.segments().get(2));
        if (r == null) {
            return error(404, "Repository " + w.slug() + "/" + req.segments().get(2) + " not found", null);
        }
        return SimResponse.json(200, FieldsFilter.apply(json.repository(r, w), req.param("fields")));
    }

    private SimResponse src(SimRequest req) {
        CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
        if (w == null) {
            return noWorkspace(req.segments().get(1));
        }
        CloudRepo r = findRepo(w, req.segments().get(2));
        if (r == null) {
            return error(404, "Repository " + w.slug() + "/" + req.segments().get(2) + " not found", null);
        }
        String commit = req.segments().get(4);
        if (!commit.equals(r.mainbranch()) && !(commit.length() >= 7 && r.headCommit().startsWith(commit))) {
            return error(404, "Commit not found", "Commit '" + commit + "' does not exist in " + r.fullName());
        }
        String path = String.join("/", req.segments().subList(5, req.segments().size()));
        String content = r.files().get(path);
        if (content == null) {
            return error(404, "No such file or directory: " + path, null);
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String name = path.substring(path.lastIndexOf('/') + 1);
        SimResponse resp = new SimResponse(200, contentType(name), new java.util.LinkedHashMap<>(), bytes);
        return resp.header("ETag", "\"" + sha1(bytes) + "\"")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /**
     * The commits of a branch (or commit), newest first. A revision that does not exist answers 404, and so does the
     * main branch of an empty repository: nothing was pushed, so the branch does not exist yet.
     */
    private SimResponse commits(SimRequest req, int page) {
        CloudWorkspace w = visibleWorkspace(req, req.segments().get(1));
        if (w == null) {
            return noWorkspace(req.segments().get(1));
        }
        CloudRepo r = findRepo(w, req.segments().get(2));
        if (r == null) {
            return error(404, "Repository " + w.slug() + "/" + req.segments().get(2) + " not found", null);
        }
        String revision = String.join("/", req.segments().subList(4, req.segments().size()));
        List<CommitHistories.SimCommit> commits = estate().commits(r);
        boolean known = revision.equals(r.mainbranch())
                || commits.stream().anyMatch(c -> revision.length() >= 7 && c.hash().startsWith(revision));
        if (commits.isEmpty() || !known) {
            return error(404, "Commit not found", "Commit '" + revision + "' does not exist in " + r.fullName());
        }
        int from = 0;
        if (!revision.equals(r.mainbranch())) {
            while (!commits.get(from).hash().startsWith(revision)) {
                from++;
            }
        }
        return page(req, page, commits.subList(from, commits.size()), c -> json.commit(r, c), null);
    }

    private <T> SimResponse page(SimRequest req, int page, List<T> items, Function<T, ObjectNode> render,
                                 Fault duplicates) {
        int pagelen = Math.min(req.intParam("pagelen", DEFAULT_PAGELEN), MAX_PAGELEN);
        if (pagelen < 1) {
            throw new BadRequest("pagelen", "Invalid pagelen: must be between 1 and " + MAX_PAGELEN);
        }
        if (page < 1) {
            throw new BadRequest("page", "Invalid page: " + page);
        }
        int size = items.size();
        long fromLong = (long) (page - 1) * pagelen;
        int from = (int) Math.min(fromLong, size);
        int to = (int) Math.min(fromLong + pagelen, size);
        // A duplicate across pages: this page also repeats the previous page's last item.
        int firstShown = duplicates != null && from > 0 ? from - 1 : from;
        Dialect d = Dialect.CLOUD;
        // A skip: the page leaves out its first item (size still counts it).
        if (from < to && settings.faults().takeOne(d, req.path(), page, Fault.Kind.SKIPS) != null) {
            firstShown = from + 1;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode env = f.objectNode();
        ArrayNode values = env.putArray("values");
        for (int i = firstShown; i < to; i++) {
            values.add(render.apply(items.get(i)));
        }
        env.put("pagelen", pagelen);
        // size is optional in Cloud's envelope, and an estimate may claim more than the listing serves.
        if (settings.faults().takeOne(d, req.path(), page, Fault.Kind.SIZE_OMITTED) == null) {
            Fault inflated = settings.faults().takeOne(d, req.path(), page, Fault.Kind.SIZE_INFLATED);
            env.put("size", size + (inflated == null ? 0 : inflated.extra()));
        }
        env.put("page", page);
        boolean hasNext = to < size;
        if (hasNext && settings.faults().takeOne(d, req.path(), page, Fault.Kind.MISSING_NEXT) == null) {
            String next = pageUrl(req, page + 1);
            Fault foreign = settings.faults().takeOne(d, req.path(), page, Fault.Kind.FOREIGN_NEXT);
            if (foreign != null) {
                next = next.replaceFirst("^(https?://)[^/]+", "$1" + foreign.host());
            }
            env.put("next", next);
        }
        if (page > 1) {
            env.put("previous", pageUrl(req, page - 1));
        }
        JsonNode body = FieldsFilter.apply(env, req.param("fields"));
        return SimResponse.json(200, body);
    }

    private String pageUrl(SimRequest req, int page) {
        StringBuilder q = new StringBuilder();
        if (!req.rawQuery().isEmpty()) {
            for (String pair : req.rawQuery().split("&")) {
                if (!pair.isEmpty() && !pair.equals("page") && !pair.startsWith("page=")) {
                    q.append(pair).append('&');
                }
            }
        }
        q.append("page=").append(page);
        String base = settings.cloudApiBase();
        return base.substring(0, base.length() - "/2.0".length()) + req.path() + "?" + q;
    }

    private CloudWorkspace visibleWorkspace(SimRequest req, String slugOrUuid) {
        CloudWorkspace w = estate().workspace(slugOrUuid);
        return w != null && req.credential().seesWorkspace(w.slug()) ? w : null;
    }

    private static CloudRepo findRepo(CloudWorkspace w, String slugOrUuid) {
        return slugOrUuid.startsWith("{") ? w.byUuid(slugOrUuid) : w.bySlug(slugOrUuid);
    }

    private static SimResponse noWorkspace(String slug) {
        return error(404, "No workspace with identifier '" + slug + "'.", null);
    }

    private CloudEstate estate() {
        return settings.estate().cloud();
    }

    private static CloudUser currentUser(Credential c) {
        UUID uuid = UUID.nameUUIDFromBytes(c.id().getBytes(StandardCharsets.UTF_8));
        String local = c.username() != null ? c.username().replaceFirst("@.*", "") : c.id();
        return new CloudUser("{" + uuid + "}", "712020:" + uuid, local, local, c.username(),
                Instant.parse("2020-01-01T00:00:00Z"));
    }

    private static String contentType(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "application/x-yaml";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        return "text/plain";
    }

    private static int firstIndex(CloudRepo[] sorted, Predicate<CloudRepo> monotone) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (monotone.test(sorted[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static <T> List<T> reversed(List<T> list) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                return list.get(list.size() - 1 - index);
            }

            @Override
            public int size() {
                return list.size();
            }
        };
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
