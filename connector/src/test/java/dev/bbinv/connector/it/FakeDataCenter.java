package dev.bbinv.connector.it;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A small Bitbucket Data Center stand-in for connector tests: projects, repositories (archived ones included),
 * users with {@code /admin/users} refused, raw files; paging whose {@code nextPageStart} is not start+size.
 */
final class FakeDataCenter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Repo(long id, String slug, boolean archived, boolean hasCatalog) {}

    private final MockWebServer server = new MockWebServer();
    final Map<String, List<Repo>> projects = new ConcurrentHashMap<>();
    final List<String> requestPaths = new CopyOnWriteArrayList<>();
    final AtomicBoolean omitNextPageStart = new AtomicBoolean();
    private final String authorization;
    private final int limitCap;

    FakeDataCenter(String user, String token, int limitCap) throws Exception {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes());
        this.limitCap = limitCap;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        server.start();
    }

    HttpUrl base() {
        return server.url("/");
    }

    String baseText() {
        String text = base().toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    long requestsMatching(String fragment) {
        return requestPaths.stream().filter(p -> p.contains(fragment)).count();
    }

    private MockResponse handle(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        requestPaths.add(url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()));
        if (!authorization.equals(request.getHeaders().get("Authorization"))) {
            return error(401, "Authentication failed. Please check your credentials and try again.");
        }
        List<String> path = url.pathSegments();
        String joined = String.join("/", path);
        if (joined.equals("rest/api/1.0/projects")) {
            ArrayNode values = JSON.createArrayNode();
            projects.keySet().stream().sorted().forEach(key -> values.addObject().put("key", key).put("type", "NORMAL"));
            return page(url, values);
        }
        if (joined.equals("rest/api/1.0/admin/users")) {
            return error(401, "You are not permitted to access this resource");
        }
        if (joined.equals("rest/api/1.0/users")) {
            ArrayNode values = JSON.createArrayNode();
            for (int i = 1; i <= 4; i++) {
                values.addObject().put("id", 100 + i).put("name", "user" + i).put("emailAddress", "user" + i + "@acme.com")
                        .put("active", true).put("type", "NORMAL");
            }
            return page(url, values);
        }
        if (path.size() == 6 && joined.startsWith("rest/api/1.0/projects/") && path.get(5).equals("repos")) {
            List<Repo> repos = projects.get(path.get(4));
            if (repos == null) {
                return error(404, "Project " + path.get(4) + " does not exist.");
            }
            ArrayNode values = JSON.createArrayNode();
            for (Repo repo : repos) {
                ObjectNode node = values.addObject().put("id", repo.id()).put("slug", repo.slug()).put("name", repo.slug())
                        .put("archived", repo.archived()).put("public", false).put("defaultBranch", "main")
                        .put("state", "AVAILABLE");
                node.putObject("project").put("key", path.get(4)).put("type", "NORMAL");
            }
            return page(url, values);
        }
        if (path.size() >= 9 && path.get(7).equals("raw")) {
            List<Repo> repos = projects.getOrDefault(path.get(4), List.of());
            Repo repo = repos.stream().filter(r -> r.slug().equals(path.get(6))).findFirst().orElse(null);
            if (repo == null || !repo.hasCatalog()) {
                return error(404, "The path \"" + path.get(8) + "\" does not exist at revision \"main\"");
            }
            return new MockResponse.Builder().code(200).body("kind: Component\nmetadata:\n  name: " + repo.slug() + "\n").build();
        }
        return error(404, "not found: " + joined);
    }

    /** Pages whose nextPageStart is ten times the next index, so start+size would be wrong. */
    private MockResponse page(HttpUrl url, ArrayNode all) {
        int limit = Math.min(limitCap, Integer.parseInt(url.queryParameter("limit") == null ? "25" : url.queryParameter("limit")));
        int start = Integer.parseInt(url.queryParameter("start") == null ? "0" : url.queryParameter("start"));
        int index = start / 10;
        ObjectNode body = JSON.createObjectNode().put("start", start).put("limit", limit);
        ArrayNode values = body.putArray("values");
        for (int i = index; i < Math.min(all.size(), index + limit); i++) {
            values.add(all.get(i));
        }
        body.put("size", values.size());
        boolean last = index + limit >= all.size();
        body.put("isLastPage", last);
        if (!last && !(omitNextPageStart.get() && index > 0)) {
            body.put("nextPageStart", (index + limit) * 10);
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    private static MockResponse error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("context", (String) null).put("message", message).putNull("exceptionName");
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    static List<Repo> repos(long firstId, int count, int archivedEvery) {
        List<Repo> repos = new CopyOnWriteArrayList<>();
        for (int i = 0; i < count; i++) {
            repos.add(new Repo(firstId + i, "repo-" + (firstId + i), archivedEvery > 0 && i % archivedEvery == archivedEvery - 1,
                    i % 2 == 0));
        }
        return repos;
    }

    @Override
    public void close() {
        server.close();
    }

    static List<String> keys(Map<String, ?> map) {
        return new ArrayList<>(map.keySet());
    }
}
