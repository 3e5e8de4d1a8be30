package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.bbinv.sim.estate.CloudEstate;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.CommitHistories;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test or bench in another process reads from and does to a running simulator, over HTTP under
 * {@value #PREFIX}: the request counts, the Cloud estate's figures, a sample of repositories, a description change,
 * code search on or off. No credential (it is a local test fixture); these requests are not in the request log.
 */
public final class AdminApi implements HttpHandler {
    public static final String PREFIX = "/_sim";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpSettings settings;

    public AdminApi(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = SimRequest.parseQuery(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        SimResponse response;
        try {
            response = switch (route) {
                case "GET " + PREFIX + "/requests" -> requests();
                case "POST " + PREFIX + "/requests/reset" -> {
                    settings.log().reset();
                    yield SimResponse.json(200, NODES.objectNode().put("total", 0));
                }
                case "GET " + PREFIX + "/cloud/estate" -> estate(instant(query, "commits_since"));
                case "GET " + PREFIX + "/cloud/sample" -> sample(Integer.parseInt(required(query, "count")));
                case "POST " + PREFIX + "/cloud/description" -> {
                    CloudRepo r = settings.estate().cloud().setDescription(required(query, "uuid"),
                            required(query, "text"));
                    yield SimResponse.json(200, NODES.objectNode().put("updated_on", r.updatedOn().toString()));
                }
                case "POST " + PREFIX + "/code-search" -> codeSearch(query);
                default -> SimResponse.text(404, "text/plain", "no admin route " + route);
            };
        } catch (IllegalArgumentException e) {
            response = SimResponse.text(400, "text/plain", String.valueOf(e.getMessage()));
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** {@code {"total": N, "routes": {"GET /2.0/...": n, ...}}}. */
    private SimResponse requests() {
        ObjectNode body = NODES.objectNode().put("total", settings.log().total());
        ObjectNode routes = body.putObject("routes");
        settings.log().countsByRoute().forEach(routes::put);
        return SimResponse.json(200, body);
    }

    /**
     * Per workspace its repositories, members and catalog files; and the commit shapes of the estate: how many
     * repositories have a default branch, N commits in all and K of them since {@code commitsSince}, which is all a
     * floor of commit requests depends on. A million repositories give a few thousand shapes, not a million lists.
     */
    private SimResponse estate(Instant commitsSince) {
        CloudEstate cloud = settings.estate().cloud();
        ObjectNode body = NODES.objectNode().put("catalog_path", cloud.catalogPath());
        ArrayNode workspaces = body.putArray("workspaces");
        Map<String, Long> shapes = new TreeMap<>();
        for (CloudWorkspace w : cloud.workspaces()) {
            long files = 0;
            List<CloudRepo> repos = cloud.repositories(w.slug());
            for (CloudRepo r : repos) {
                if (r.files().containsKey(cloud.catalogPath())) {
                    files++;
                }
                List<CommitHistories.SimCommit> commits = cloud.commits(r);
                int inWindow = 0;
                while (inWindow < commits.size() && !commits.get(inWindow).date().isBefore(commitsSince)) {
                    inWindow++;
                }
                shapes.merge((r.mainbranch() != null) + "," + commits.size() + "," + inWindow, 1L, Long::sum);
            }
            workspaces.addObject().put("slug", w.slug()).put("repositories", repos.size())
                    .put("members", w.members().size()).put("catalog_files", files);
        }
        ArrayNode shapeList = body.putArray("commit_shapes");
        shapes.forEach((shape, count) -> {
            String[] parts = shape.split(",");
            shapeList.addObject().put("has_branch", Boolean.parseBoolean(parts[0]))
                    .put("commits", Integer.parseInt(parts[1])).put("in_window", Integer.parseInt(parts[2]))
                    .put("repositories", count);
        });
        return SimResponse.json(200, body);
    }

    /** {@code count} repository uuids spread evenly over the estate in creation order (every size/count-th). */
    private SimResponse sample(int count) {
        List<CloudRepo> all = settings.estate().cloud().allRepositories();
        if (count < 1 || count > all.size()) {
            throw new IllegalArgumentException("count must be 1.." + all.size() + ", got " + count);
        }
        ArrayNode uuids = NODES.arrayNode();
        for (int k = 0; k < count; k++) {
            uuids.add(all.get(k * (all.size() / count)).uuid());
        }
        ObjectNode body = NODES.objectNode();
        body.set("uuids", uuids);
        return SimResponse.json(200, body);
    }

    /** {@code enabled=true}, or {@code enabled=false&status=404|403}. */
    private SimResponse codeSearch(Map<String, List<String>> query) {
        if (Boolean.parseBoolean(required(query, "enabled"))) {
            settings.codeSearch().enable();
        } else {
            settings.codeSearch().disable(Integer.parseInt(required(query, "status")));
        }
        return SimResponse.json(200, NODES.objectNode().put("enabled", settings.codeSearch().enabled()));
    }

    private static String required(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return values.get(0);
    }

    private static Instant instant(Map<String, List<String>> query, String name) {
        try {
            return Instant.parse(required(query, name));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an ISO instant: " + e.getParsedString());
        }
    }
}
