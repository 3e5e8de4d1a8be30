package dev.bbinv.connector.bitbucket.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BitbucketApiException;
import dev.bbinv.connector.bitbucket.BitbucketClient;
import dev.bbinv.connector.bitbucket.BitbucketProtocolException;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.bitbucket.HttpTransport;
import dev.bbinv.connector.bitbucket.Page;
import okhttp3.HttpUrl;

/** Bitbucket Data Center REST 1.0: projects, repositories, users and raw files, paging by {@code nextPageStart}. */
public final class ServerClient implements BitbucketClient {
    public static final String INSTANCE_SCOPE = "*";
    static final int LIMIT = 1000;
    /** Users cursor prefix once {@code /admin/users} was refused and the scan fell back to {@code /users}. */
    static final String PLAIN_USERS = "users:";

    private final HttpTransport http;
    private final boolean includePersonalProjects;

    public ServerClient(HttpTransport http, boolean includePersonalProjects) {
        this.http = http;
        this.includePersonalProjects = includePersonalProjects;
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
    public boolean supportsIncremental() {
        return false;
    }

    @Override
    public Page<ApiObject> repositories(String projectKey, String cursor, String updatedSince) {
        return page(api("projects", projectKey, "repos"), cursor);
    }

    @Override
    public Page<ApiObject> users(String scope, String cursor) {
        if (cursor != null && cursor.startsWith(PLAIN_USERS)) {
            return prefixed(page(api("users"), cursor.substring(PLAIN_USERS.length())));
        }
        try {
            return page(api("admin", "users"), cursor);
        } catch (BitbucketApiException e) {
            if (!e.isAuthFailure()) {
                throw e;
            }
            // Without admin rights /admin/users is refused; /users lists the same people with fewer details.
            return prefixed(page(api("users"), null));
        }
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

    @Override
    public String checkAccess() {
        JsonNode properties = http.getJson(api("application-properties").build()).body();
        HttpUrl projectsUrl = api("projects").addQueryParameter("limit", "25").build();
        JsonNode projects = http.getJson(projectsUrl).body();
        int count = projects.path("values").size();
        return "Bitbucket " + properties.path("version").asText("?") + ", " + count
                + (projects.path("isLastPage").asBoolean(true) ? "" : "+") + " project(s) visible";
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
        HttpUrl url = resource.build().newBuilder()
                .addQueryParameter("limit", String.valueOf(LIMIT))
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
