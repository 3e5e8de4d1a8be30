package dev.bbinv.connector.bitbucket.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.connector.bitbucket.AccessReport;
import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketProtocolException;
import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.CatalogSearch;
import dev.bbinv.connector.bitbucket.HttpTransport;
import dev.bbinv.connector.bitbucket.Page;
import okhttp3.HttpUrl;

/** Bitbucket Data Center REST 1.0: projects, repositories, users and raw files, paging by {@code nextPageStart}. */
public final class ServerClient implements BitbucketClient {
    public static final String INSTANCE_SCOPE = "*";
    static final int LIMIT = 1000;
    /** Commits per page: the window is usually a fraction of the history, so pages stay small. */
    static final int COMMIT_LIMIT = 100;
    /** Users cursor prefix once {@code /admin/users} was refused and the scan fell back to {@code /users}. */
    static final String PLAIN_USERS = "users:";

    private final HttpTransport http;
    private final boolean includePersonalProjects;
    private final Clock clock;
    private final UserListing userListing = new UserListing();
    private final RootFileSearch rootFileSearch;

    /** @param clock when {@code /admin/users} was last refused, and so when it is asked again */
    public ServerClient(HttpTransport http, boolean includePersonalProjects, Clock clock) {
        this.http = http;
        this.includePersonalProjects = includePersonalProjects;
        this.clock = clock;
        this.rootFileSearch = new RootFileSearch(http, clock);
    }

    @Override
    public List<String> visibleScopes() {
        Set<String> keys = new LinkedHashSet<>();
        for (ApiObject project : all(api("projects"))) {
            keys.add(project.text("key"));
        }
        if (includePersonalProjects) {
            // /projects omits personal projects; the repository search lists them with their ~USER project.
            HttpUrl.Builder repos = api("repos").addQueryParameter("archived", "ALL");
            for (ApiObject repo : all(repos)) {
                JsonNode project = repo.node().path("project");
                if ("PERSONAL".equals(project.path("type").asText())) {
                    keys.add(project.path("key").asText());
                }
            }
        }
        keys.remove(null);
        return List.copyOf(keys);
    }

    @Override
    public List<String> userScopes(List<String> repositoryScopes) {
        return List.of(INSTANCE_SCOPE);
    }

    @Override
    public Page<ApiObject> repositories(String projectKey, String cursor, String updatedSince) {
        Page<ApiObject> page = page(api("projects", projectKey, "repos"), cursor);
        rootFileSearch.listed(projectKey, page.values());
        return page;
    }

    /** Data Center's {@code repos-matching-root-file}, see {@link RootFileSearch}. */
    @Override
    public CatalogSearch searchCatalogFiles(String projectKey, String path) {
        return rootFileSearch.search(projectKey, path);
    }

    @Override
    public Page<ApiObject> users(String scope, String cursor) {
        if (cursor != null && cursor.startsWith(PLAIN_USERS)) {
            return plainUsers(cursor.substring(PLAIN_USERS.length()));
        }
        if (cursor == null && !userListing.askAdmin(clock.instant())) {
            return plainUsers(null);
        }
        try {
            Page<ApiObject> page = page(api("admin", "users"), cursor);
            userListing.adminAnswered(clock.instant());
            return page;
        } catch (BitbucketApiException refused) {
            if (!UserListing.isRefusal(refused.status())) {
                throw refused;
            }
            // /users lists the same people (RestApplicationUser: id, name, slug, displayName, emailAddress, active,
            // type) to any licensed user; only the directory details are missing. Should /users refuse too (a 401),
            // it is the credential itself that is refused, and that error is the one reported.
            Page<ApiObject> page = plainUsers(null);
            userListing.adminRefused(refused.status(), clock.instant());
            return page;
        }
    }

    /** Which listing users come from now and why (see {@link UserListing}); null before the first page of users. */
    @Override
    public String userListing() {
        return userListing.describe();
    }

    private Page<ApiObject> plainUsers(String start) {
        return prefixed(page(api("users"), start));
    }

    @Override
    public CatalogFile catalogFile(ApiObject repository, String path, long maxBytes) {
        String slug = repository.text("slug");
        String project = repository.node().path("project").path("key").asText(null);
        if (slug == null || project == null) {
            throw new BitbucketProtocolException("repository " + repository.text("id") + " has no slug or project key");
        }
        HttpUrl.Builder url = api("projects", project, "repos", slug, "raw");
        for (String segment : path.split("/")) {
            url.addPathSegment(segment);
        }
        return http.getFile(url.build(), maxBytes, repository.text("defaultBranch"));
    }

    /**
     * {@code GET .../repos/{slug}/commits?until={branch}}: newest first, paged by {@code nextPageStart}. Without a
     * branch name no {@code until}: Data Center then reads from the tip of the repository's default branch.
     */
    @Override
    public Page<ApiObject> commits(BranchRef ref, String cursor) {
        HttpUrl.Builder url = api("projects", ref.owner(), "repos", ref.slug(), "commits");
        if (ref.branch() != null) {
            url.addQueryParameter("until", ref.branch());
        }
        return page(url, cursor, COMMIT_LIMIT);
    }

    /**
     * Proves what Snyk's form asks of a Data Center secret, "Projects: Read" (one repository page of each project)
     * and "Account: Read" (one page of users), and says which user listing scans will use.
     */
    @Override
    public AccessReport checkAccess(List<String> scopes) {
        JsonNode properties = http.getJson(api("application-properties").build()).body();
        HttpUrl projectsUrl = api("projects").addQueryParameter("limit", "25").build();
        JsonNode projects = http.getJson(projectsUrl).body();
        int count = projects.path("values").size();
        List<String> checked = new ArrayList<>(scopes);
        if (checked.isEmpty()) {
            projects.path("values").forEach(p -> checked.add(p.path("key").asText()));
        }
        List<String> missing = new ArrayList<>();
        int readable = 0;
        for (String key : checked) {
            try {
                http.getJson(api("projects", key, "repos").addQueryParameter("limit", "1").build());
                readable++;
            } catch (BitbucketApiException e) {
                missing.add(switch (e.status()) {
                    case 401, 403 -> "Projects: Read missing on project '" + key + "' (" + e.getMessage()
                            + "); the user or token needs PROJECT_READ there";
                    case 404 -> "project '" + key + "' not found or not visible to this credential";
                    default -> throw e;
                });
            }
        }
        if (checked.isEmpty()) {
            missing.add("Projects: Read not proven: no project is visible to this credential");
        }
        String users = checkUsers(missing);
        String seen = "Bitbucket " + properties.path("version").asText("?") + ", " + count
                + (projects.path("isLastPage").asBoolean(true) ? "" : "+") + " project(s) visible; Projects: Read proven"
                + " (repositories listed in " + readable + " of "
                + checked.size() + " project(s)); " + (users == null ? "Account: Read missing" : users);
        return new AccessReport(seen, missing);
    }

    /** "Account: Read proven ..." naming the listing scans will use, or null with the reason added to {@code missing}. */
    private String checkUsers(List<String> missing) {
        try {
            http.getJson(api("admin", "users").addQueryParameter("limit", "1").build());
            return "Account: Read proven; users will be listed with " + UserListing.ADMIN_PATH;
        } catch (BitbucketApiException admin) {
            if (!UserListing.isRefusal(admin.status())) {
                throw admin;
            }
            try {
                http.getJson(api("users").addQueryParameter("limit", "1").build());
                return "Account: Read proven; users will be listed with " + UserListing.USERS_PATH + ", because "
                        + UserListing.ADMIN_PATH + " answered " + admin.status() + " (" + UserListing.why(admin.status())
                        + "); directory details are not listed";
            } catch (BitbucketApiException plain) {
                if (!UserListing.isRefusal(plain.status())) {
                    throw plain;
                }
                missing.add("Account: Read missing: users cannot be listed (" + admin.getMessage() + "; "
                        + plain.getMessage() + "); the user or token needs LICENSED_USER");
                return null;
            }
        }
    }

    @Override
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public int requestsLeft() {
        return http.budgetLeft();
    }

    private static Page<ApiObject> prefixed(Page<ApiObject> page) {
        return new Page<>(page.values(), page.nextCursor() == null ? null : PLAIN_USERS + page.nextCursor(), page.etag(),
                page.total(), page.doubt());
    }

    private List<ApiObject> all(HttpUrl.Builder resource) {
        List<ApiObject> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ApiObject> page = page(resource, cursor);
            all.addAll(page.values());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private Page<ApiObject> page(HttpUrl.Builder resource, String start) {
        return page(resource, start, LIMIT);
    }

    private Page<ApiObject> page(HttpUrl.Builder resource, String start, int limit) {
        HttpUrl url = resource.build().newBuilder()
                .addQueryParameter("limit", String.valueOf(limit))
                .addQueryParameter("start", start == null ? "0" : start)
                .build();
        HttpTransport.JsonResponse response = http.getJson(url);
        JsonNode body = response.body();
        JsonNode values = body.path("values");
        if (!values.isArray()) {
            throw new BitbucketProtocolException("GET " + url.encodedPath() + " returned a page without values");
        }
        List<ApiObject> objects = new ArrayList<>();
        values.forEach(value -> objects.add(ApiObject.of(value)));
        String next = null;
        String doubt = null;
        if (!body.path("isLastPage").asBoolean(true)) {
            // DC pages must continue from nextPageStart, never start+size: ids need not be contiguous.
            JsonNode nextStart = body.get("nextPageStart");
            if (nextStart == null || !nextStart.canConvertToInt()) {
                // The listing cannot go on: it ends here, its values still count, its end decides no removals.
                doubt = "page at start " + (start == null ? "0" : start) + " says isLastPage false without nextPageStart";
            } else {
                next = String.valueOf(nextStart.asInt());
            }
        }
        return new Page<>(objects, next, response.etag(), null, doubt);
    }

    private HttpUrl.Builder api(String... segments) {
        HttpUrl.Builder builder = http.base().newBuilder().addPathSegments("rest/api/1.0");
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder;
    }
}
