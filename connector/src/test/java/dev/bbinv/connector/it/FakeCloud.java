package dev.bbinv.connector.it;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A small Bitbucket Cloud stand-in for connector tests until bitbucket-sim is installed: workspaces, members,
 * repositories with paging, {@code q=updated_on>} and {@code sort=-updated_on}, {@code src} files with 404, Basic
 * auth checks, request timestamps and injected faults.
 */
final class FakeCloud implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One repository; mutable so tests can change the estate between scans. */
    static final class Repo {
        final String uuid = "{" + UUID.randomUUID() + "}";
        volatile String slug;
        volatile Instant updatedOn;
        volatile String catalog;

        Repo(String slug, Instant updatedOn, String catalog) {
            this.slug = slug;
            this.updatedOn = updatedOn;
            this.catalog = catalog;
        }
    }

    private final MockWebServer server = new MockWebServer();
    final Map<String, List<Repo>> workspaces = new ConcurrentHashMap<>();
    final Map<String, List<String>> members = new ConcurrentHashMap<>();
    final Set<String> validAuthorizations = ConcurrentHashMap.newKeySet();
    final List<Long> requestTimes = new CopyOnWriteArrayList<>();
    final List<String> requestPaths = new CopyOnWriteArrayList<>();
    /** Repository listing pages (1-based) that answer this status while failuresLeft > 0. */
    final AtomicInteger failingPage = new AtomicInteger(-1);
    final AtomicInteger failingStatus = new AtomicInteger(500);
    final AtomicInteger failuresLeft = new AtomicInteger();
    /** When set, the first request for this repository page waits for the latch. */
    final AtomicInteger blockedPage = new AtomicInteger(-1);
    final AtomicReference<CountDownLatch> blockArrived = new AtomicReference<>(new CountDownLatch(1));
    final AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(1));
    final AtomicReference<String> foreignNext = new AtomicReference<>();
    final int pagelenCap;

    FakeCloud(int pagelenCap) throws Exception {
        this.pagelenCap = pagelenCap;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return handle(request);
            }
        });
        server.start();
    }

    HttpUrl apiBase() {
        return server.url("/2.0");
    }

    void allow(String email, String token) {
        validAuthorizations.add("Basic " + Base64.getEncoder().encodeToString((email + ":" + token).getBytes()));
    }

    List<Repo> addWorkspace(String slug, int repos, Instant updated) {
        List<Repo> list = new CopyOnWriteArrayList<>();
        for (int i = 0; i < repos; i++) {
            list.add(new Repo(String.format("repo-%04d", i), updated.plusSeconds(i),
                    i % 3 == 0 ? null : "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: repo-" + i + "\n"));
        }
        workspaces.put(slug, list);
        members.put(slug, List.of("{" + UUID.randomUUID() + "}", "{" + UUID.randomUUID() + "}"));
        return list;
    }

    long requestsMatching(String fragment) {
        return requestPaths.stream().filter(p -> p.contains(fragment)).count();
    }

    private MockResponse handle(RecordedRequest request) throws InterruptedException {
        requestTimes.add(System.currentTimeMillis());
        HttpUrl url = request.getUrl();
        requestPaths.add(url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()));
        if (!validAuthorizations.contains(request.getHeaders().get("Authorization"))) {
            return error(401, "Invalid credentials");
        }
        List<String> path = url.pathSegments();
        if (path.size() < 2 || !"2.0".equals(path.get(0))) {
            return error(404, "Resource not found");
        }
        if (path.size() == 3 && path.get(1).equals("user") && path.get(2).equals("workspaces")) {
            ArrayNode values = JSON.createArrayNode();
            workspaces.keySet().stream().sorted().forEach(ws -> values.addObject().put("type", "workspace_access")
                    .putObject("workspace").put("slug", ws).put("type", "workspace_base"));
            return page(url, values);
        }
        if (path.size() == 4 && path.get(1).equals("workspaces") && path.get(3).equals("members")) {
            List<String> uuids = members.get(path.get(2));
            if (uuids == null) {
                return error(404, "No workspace");
            }
            ArrayNode values = JSON.createArrayNode();
            for (String uuid : uuids) {
                ObjectNode membership = values.addObject().put("type", "workspace_membership");
                membership.putObject("user").put("type", "user").put("uuid", uuid).put("display_name", "User " + uuid);
            }
            return page(url, values);
        }
        if (path.size() == 3 && path.get(1).equals("repositories")) {
            return repositories(url, path.get(2));
        }
        if (path.size() >= 7 && path.get(1).equals("repositories") && path.get(4).equals("src")) {
            List<Repo> repos = workspaces.getOrDefault(path.get(2), List.of());
            Repo repo = repos.stream().filter(r -> r.slug.equals(path.get(3))).findFirst().orElse(null);
            if (repo == null || repo.catalog == null || !"catalog-info.yaml".equals(path.get(6))) {
                return error(404, "No such file or directory: " + String.join("/", path.subList(6, path.size())));
            }
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/octet-stream")
                    .body(repo.catalog).build();
        }
        return error(404, "Resource not found");
    }

    private MockResponse repositories(HttpUrl url, String workspace) throws InterruptedException {
        List<Repo> repos = workspaces.get(workspace);
        if (repos == null) {
            return error(404, "No workspace with identifier '" + workspace + "'.");
        }
        int pageNumber = Integer.parseInt(url.queryParameter("page") == null ? "1" : url.queryParameter("page"));
        if (pageNumber == failingPage.get() && failuresLeft.getAndDecrement() > 0) {
            int status = failingStatus.get();
            if (status == 429) {
                return new MockResponse.Builder().code(429).addHeader("Content-Type", "text/plain")
                        .body("Rate limit for this resource has been exceeded").build();
            }
            return error(status, "Something went wrong");
        }
        if (pageNumber == blockedPage.get() && blockedPage.compareAndSet(pageNumber, -1)) {
            blockArrived.get().countDown();
            release.get().await(60, TimeUnit.SECONDS);
        }
        List<Repo> selected = new ArrayList<>(repos);
        String q = url.queryParameter("q");
        if (q != null && q.startsWith("updated_on>")) {
            Instant since = OffsetDateTime.parse(q.substring("updated_on>".length())).toInstant();
            selected.removeIf(r -> !r.updatedOn.isAfter(since));
        }
        if ("-updated_on".equals(url.queryParameter("sort"))) {
            selected.sort(Comparator.comparing((Repo r) -> r.updatedOn).reversed());
        } else {
            selected.sort(Comparator.comparing((Repo r) -> r.uuid));
        }
        ArrayNode values = JSON.createArrayNode();
        for (Repo repo : selected) {
            ObjectNode node = values.addObject().put("type", "repository").put("uuid", repo.uuid)
                    .put("slug", repo.slug).put("name", repo.slug).put("full_name", workspace + "/" + repo.slug)
                    .put("is_private", true).put("language", "java")
                    .put("updated_on", OffsetDateTime.ofInstant(repo.updatedOn, ZoneOffset.UTC).toString());
            node.putObject("mainbranch").put("name", "main");
        }
        return page(url, values);
    }

    private MockResponse page(HttpUrl url, ArrayNode all) {
        int pagelen = Math.min(pagelenCap, Integer.parseInt(url.queryParameter("pagelen") == null ? "10"
                : url.queryParameter("pagelen")));
        int pageNumber = Integer.parseInt(url.queryParameter("page") == null ? "1" : url.queryParameter("page"));
        ObjectNode body = JSON.createObjectNode().put("pagelen", pagelen).put("page", pageNumber).put("size", all.size());
        ArrayNode values = body.putArray("values");
        for (int i = (pageNumber - 1) * pagelen; i < Math.min(all.size(), pageNumber * pagelen); i++) {
            values.add(all.get(i));
        }
        if (pageNumber * pagelen < all.size()) {
            String foreign = foreignNext.get();
            body.put("next", foreign != null ? foreign
                    : url.newBuilder().setQueryParameter("page", String.valueOf(pageNumber + 1)).build().toString());
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    private static MockResponse error(int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("message", message);
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    @Override
    public void close() {
        release.get().countDown();
        server.close();
    }
}
