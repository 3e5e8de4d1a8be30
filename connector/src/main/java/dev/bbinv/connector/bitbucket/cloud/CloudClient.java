package dev.bbinv.connector.bitbucket.cloud;

import java.util.ArrayList;
import java.util.HashSet;
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

/** Bitbucket Cloud REST 2.0: workspaces, members, repositories and {@code src} files, paging by the opaque {@code next}. */
public final class CloudClient implements BitbucketClient {
    static final int PAGELEN = 100;
    /**
     * What the assets need of a repository; the rest of Bitbucket's object is not fetched. The envelope's size, page
     * and pagelen stay: the scan compares size with what the listing showed to decide whether it may remove.
     */
    static final String REPOSITORY_FIELDS = String.join(",", "next", "size", "page", "pagelen", "values.type", "values.uuid", "values.slug",
            "values.name", "values.full_name", "values.description", "values.is_private", "values.language",
            "values.created_on", "values.updated_on", "values.size", "values.scm", "values.mainbranch.name",
            "values.project.key", "values.project.name", "values.project.uuid", "values.workspace.slug",
            "values.workspace.name", "values.workspace.uuid", "values.links.html", "values.links.clone",
            "values.parent.full_name");

    /** What a commit summary needs: hash, date and the author, raw and as the linked Bitbucket user. */
    static final String COMMIT_FIELDS = String.join(",", "next", "values.hash", "values.date", "values.author.raw",
            "values.author.user.uuid", "values.author.user.nickname", "values.author.user.account_id",
            "values.author.user.display_name", "values.author.user.links.html.href");
    /**
     * What catalog discovery needs of a search result: the default envelope and file, plus the file's repository uuid
     * (added with {@code +}, the way the spec documents expanding {@code values.file.commit.repository}), without the
     * matched text.
     */
    static final String SEARCH_FIELDS = String.join(",", "-values.content_matches", "-values.path_matches",
            "+values.file.commit.repository.uuid");

    private final HttpTransport http;

    public CloudClient(HttpTransport http) {
        this.http = http;
    }

    @Override
    public List<String> visibleScopes() {
        List<String> slugs = new ArrayList<>();
        String cursor = null;
        do {
            HttpUrl url = cursor != null ? http.sameHostUrl(cursor)
                    : api("user", "workspaces").addQueryParameter("pagelen", String.valueOf(PAGELEN)).build();
            JsonNode body = http.getJson(url).body();
            for (JsonNode access : values(body, url)) {
                String slug = access.path("workspace").path("slug").asText(null);
                if (slug != null) {
                    slugs.add(slug);
                }
            }
            cursor = body.path("next").asText(null);
        } while (cursor != null);
        return slugs;
    }

    @Override
    public List<String> userScopes(List<String> repositoryScopes) {
        return repositoryScopes;
    }

    @Override
    public Page<ApiObject> repositories(String workspace, String cursor, String updatedSince) {
        HttpUrl url;
        if (cursor != null) {
            url = http.sameHostUrl(cursor);
        } else {
            HttpUrl.Builder builder = api("repositories", workspace)
                    .addQueryParameter("pagelen", String.valueOf(PAGELEN))
                    .addQueryParameter("fields", REPOSITORY_FIELDS);
            if (updatedSince != null) {
                builder.addQueryParameter("q", "updated_on>" + updatedSince).addQueryParameter("sort", "-updated_on");
            }
            url = builder.build();
        }
        return page(url, false);
    }

    @Override
    public Page<ApiObject> users(String workspace, String cursor) {
        HttpUrl url = cursor != null ? http.sameHostUrl(cursor)
                : api("workspaces", workspace, "members").addQueryParameter("pagelen", "100").build();
        return page(url, true);
    }

    /**
     * Pages through {@code GET /workspaces/{workspace}/search/code} for {@code "<file name>" path:<path>} (a query
     * needs one search term besides its filters, as Backstage's Bitbucket Cloud provider asks it) and keeps the
     * results whose path is exactly {@code path}: {@code path:} also matches the same name in sub-folders.
     */
    @Override
    public CatalogSearch searchCatalogFiles(String workspace, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        HttpUrl url = api("workspaces", workspace, "search", "code")
                .addQueryParameter("search_query", "\"" + name + "\" path:" + path)
                .addQueryParameter("pagelen", String.valueOf(PAGELEN))
                .addQueryParameter("fields", SEARCH_FIELDS).build();
        Set<String> repositories = new HashSet<>();
        long results = 0;
        Long size = null;
        int pages = 0;
        while (url != null) {
            JsonNode body = http.getJson(url).body();
            pages++;
            if (body.path("query_substituted").asBoolean(false)) {
                // Bitbucket rewrote the query: its results are not those of the file name asked.
                throw new BitbucketProtocolException("code search of workspace '" + workspace + "' substituted the query");
            }
            if (size == null && body.path("size").canConvertToLong()) {
                size = body.path("size").asLong();
            }
            for (JsonNode value : values(body, url)) {
                results++;
                if (path.equals(value.path("file").path("path").asText(null))) {
                    String uuid = value.path("file").path("commit").path("repository").path("uuid").asText(null);
                    if (uuid == null) {
                        throw new BitbucketProtocolException("code search of workspace '" + workspace
                                + "' returned a file without its repository");
                    }
                    repositories.add(uuid);
                }
            }
            String next = body.path("next").asText(null);
            url = next == null ? null : http.sameHostUrl(next);
        }
        if (size != null && results < size) {
            // A file missing from the results would be taken for absent: such a search is not used.
            throw new BitbucketProtocolException("code search of workspace '" + workspace + "' listed " + results
                    + " of its " + size + " results");
        }
        return new CatalogSearch(repositories, pages);
    }

    @Override
    public CatalogFile catalogFile(ApiObject repository, String path, long maxBytes) {
        String branch = repository.node().path("mainbranch").path("name").asText(null);
        String fullName = repository.text("full_name");
        if (branch == null || fullName == null || !fullName.contains("/")) {
            return CatalogFile.absent(branch); // an empty repository has no main branch, hence no file
        }
        String[] parts = fullName.split("/", 2);
        HttpUrl.Builder url = api("repositories", parts[0], parts[1], "src", branch);
        for (String segment : path.split("/")) {
            url.addPathSegment(segment);
        }
        return http.getFile(url.build(), maxBytes, branch);
    }

    /** {@code GET /repositories/{workspace}/{repo_slug}/commits/{branch}}: newest first, paged by {@code next}. */
    @Override
    public Page<ApiObject> commits(BranchRef ref, String cursor) {
        HttpUrl url = cursor != null ? http.sameHostUrl(cursor)
                : api("repositories", ref.owner(), ref.slug(), "commits", ref.branch())
                        .addQueryParameter("pagelen", String.valueOf(PAGELEN))
                        .addQueryParameter("fields", COMMIT_FIELDS).build();
        return page(url, false);
    }

    @Override
    public AccessReport checkAccess(List<String> scopes) {
        JsonNode user = http.getJson(api("user").build()).body();
        HttpUrl workspacesUrl = api("user", "workspaces").addQueryParameter("pagelen", "100").build();
        JsonNode workspaces = http.getJson(workspacesUrl).body();
        int count = workspaces.has("size") ? workspaces.get("size").asInt() : values(workspaces, workspacesUrl).size();
        List<String> checked = new ArrayList<>(scopes);
        if (checked.isEmpty()) {
            for (JsonNode access : values(workspaces, workspacesUrl)) {
                String slug = access.path("workspace").path("slug").asText(null);
                if (slug != null) {
                    checked.add(slug);
                }
            }
        }
        // read:repository:bitbucket is proven by one repository page per workspace, the call every scan starts with.
        List<String> missing = new ArrayList<>();
        int readable = 0;
        for (String workspace : checked) {
            HttpUrl url = api("repositories", workspace).addQueryParameter("pagelen", "1")
                    .addQueryParameter("fields", "size,values.uuid").build();
            try {
                http.getJson(url);
                readable++;
            } catch (BitbucketApiException e) {
                missing.add(switch (e.status()) {
                    case 401, 403 -> "read:repository:bitbucket missing: repositories of workspace '" + workspace
                            + "' refused (" + e.getMessage() + "); the API token needs read:user:bitbucket,"
                            + " read:workspace:bitbucket and read:repository:bitbucket";
                    case 404 -> "workspace '" + workspace + "' not found or not visible to this credential";
                    default -> throw e;
                });
            }
        }
        String who = user.path("display_name").asText(user.path("nickname").asText("?"));
        String seen = "as " + who + ", " + count + " workspace(s) visible, repositories listed in "
                + readable + " of " + checked.size() + " workspace(s): read:user:bitbucket,"
                + " read:workspace:bitbucket and read:repository:bitbucket proven";
        return new AccessReport(seen, missing);
    }

    @Override
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public int requestsLeft() {
        return http.budgetLeft();
    }

    private Page<ApiObject> page(HttpUrl url, boolean memberships) {
        HttpTransport.JsonResponse response = http.getJson(url);
        List<ApiObject> objects = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        int unreadable = 0;
        for (JsonNode value : values(response.body(), url)) {
            // Members come wrapped in workspace_membership; the user object inside is what we keep.
            JsonNode node = memberships ? value.path("user") : value;
            if (!node.isObject()) {
                unreadable++; // the page's other values are still sightings
                continue;
            }
            objects.add(ApiObject.of(node));
        }
        if (unreadable > 0) {
            doubts.add("page " + pageNumber(response.body()) + ": " + unreadable + " value(s) without "
                    + (memberships ? "a user" : "an object") + " skipped");
        }
        String next = response.body().path("next").asText(null);
        if (next != null) {
            try {
                http.sameHostUrl(next);
            } catch (BitbucketProtocolException foreign) {
                // Never followed (the credential would go elsewhere): the listing ends here, its values still count.
                doubts.add("page " + pageNumber(response.body()) + ": " + foreign.getMessage());
                next = null;
            }
        }
        String doubt = doubts.isEmpty() ? null : String.join("; ", doubts);
        // size is optional and advisory (the spec lets Bitbucket leave it out when it is expensive): the scan
        // compares it with what the listing showed, it never stops the listing.
        JsonNode size = response.body().get("size");
        return new Page<>(objects, next, response.etag(), size != null && size.canConvertToLong() ? size.asLong() : null,
                doubt);
    }

    private static String pageNumber(JsonNode body) {
        JsonNode page = body.get("page");
        return page != null && page.canConvertToInt() ? page.asText() : "?";
    }

    private static List<JsonNode> values(JsonNode body, HttpUrl url) {
        JsonNode values = body.path("values");
        if (!values.isArray()) {
            throw new BitbucketProtocolException("GET " + url.encodedPath() + " returned a page without values");
        }
        List<JsonNode> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }

    private HttpUrl.Builder api(String... segments) {
        HttpUrl.Builder builder = http.base().newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder;
    }
}
