package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.CommitHistories;
import dev.bbinv.sim.estate.EstateSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /_sim admin routes: what a bench in another process reads from and does to the simulator. */
class AdminApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> send(String method, String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(String method, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, url);
        assertEquals(200, r.statusCode(), r.body());
        return SimHttp.json(r);
    }

    @Test
    void countsResetsAndIsNotItselfCounted() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.cloud(2, 30))) {
            String admin = sim.serverBase() + "/_sim";
            SimHttp.get(sim.cloudApiBase() + "/repositories/acme", SimHttp.cloudAuth());
            SimHttp.get(sim.cloudApiBase() + "/repositories/acme?page=2", SimHttp.cloudAuth());
            SimHttp.get(sim.cloudApiBase() + "/workspaces/acme/members", SimHttp.cloudAuth());

            JsonNode counts = ok("GET", admin + "/requests");
            assertEquals(3, counts.get("total").asInt());
            assertEquals(2, counts.get("routes").get("GET /2.0/repositories/{workspace}").asInt());
            assertEquals(1, counts.get("routes").get("GET /2.0/workspaces/{workspace}/members").asInt());
            assertEquals(3, sim.requests().total(), "admin requests are not in the log");

            ok("POST", admin + "/requests/reset");
            assertEquals(0, ok("GET", admin + "/requests").get("total").asInt());
            assertEquals(404, send("GET", admin + "/nothing").statusCode());
            assertEquals(400, send("GET", admin + "/cloud/sample?count=x").statusCode());
        }
    }

    @Test
    void estateFiguresMatchTheEstateAndItsCommitShapes() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().seed(3).cloudWorkspaces(2)
                .cloudRepos(200).cloudMembersPerWorkspace(7).build())) {
            Instant since = Instant.now().minusSeconds(90L * 86_400);
            JsonNode estate = ok("GET", sim.serverBase() + "/_sim/cloud/estate?commits_since=" + since);
            assertEquals(sim.cloud().catalogPath(), estate.get("catalog_path").asText());
            List<CloudWorkspace> workspaces = sim.cloud().workspaces();
            assertEquals(workspaces.size(), estate.get("workspaces").size());
            for (int i = 0; i < workspaces.size(); i++) {
                CloudWorkspace w = workspaces.get(i);
                JsonNode figures = estate.get("workspaces").get(i);
                assertEquals(w.slug(), figures.get("slug").asText());
                assertEquals(sim.cloud().repositories(w.slug()).size(), figures.get("repositories").asInt());
                assertEquals(7, figures.get("members").asInt());
                assertEquals(sim.cloud().repositories(w.slug()).stream()
                        .filter(r -> r.files().containsKey(sim.cloud().catalogPath())).count(),
                        figures.get("catalog_files").asLong());
            }
            long repos = 0;
            long commits = 0;
            long recent = 0;
            for (JsonNode shape : estate.get("commit_shapes")) {
                repos += shape.get("repositories").asLong();
                commits += shape.get("repositories").asLong() * shape.get("commits").asLong();
                recent += shape.get("repositories").asLong() * shape.get("in_window").asLong();
            }
            long expectedCommits = 0;
            long expectedRecent = 0;
            for (CloudRepo r : sim.cloud().allRepositories()) {
                List<CommitHistories.SimCommit> history = sim.cloud().commits(r);
                expectedCommits += history.size();
                expectedRecent += history.stream().filter(c -> !c.date().isBefore(since)).count();
            }
            assertEquals(200, repos);
            assertEquals(expectedCommits, commits);
            assertEquals(expectedRecent, recent);
            assertTrue(estate.get("commit_shapes").size() < 200, "shapes are shared by repositories");
        }
    }

    @Test
    void changesADescriptionSamplesAndSwitchesSearch() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.cloud(2, 40))) {
            String admin = sim.serverBase() + "/_sim";
            JsonNode sample = ok("GET", admin + "/cloud/sample?count=4");
            List<CloudRepo> all = sim.cloud().allRepositories();
            assertEquals(List.of(all.get(0).uuid(), all.get(10).uuid(), all.get(20).uuid(), all.get(30).uuid()),
                    List.of(sample.get("uuids").get(0).asText(), sample.get("uuids").get(1).asText(),
                            sample.get("uuids").get(2).asText(), sample.get("uuids").get(3).asText()));

            String uuid = all.get(5).uuid();
            Instant before = all.get(5).updatedOn();
            ok("POST", admin + "/cloud/description?uuid=" + URLEncoder.encode(uuid, StandardCharsets.UTF_8)
                    + "&text=" + URLEncoder.encode("changed by a bench", StandardCharsets.UTF_8));
            assertEquals("changed by a bench", sim.cloud().repository(uuid).description());
            assertTrue(sim.cloud().repository(uuid).updatedOn().isAfter(before));
            assertEquals(400, send("POST", admin + "/cloud/description?uuid=%7Bnone%7D&text=x").statusCode());

            String search = sim.cloudApiBase() + "/workspaces/acme/search/code?search_query="
                    + URLEncoder.encode("\"catalog-info.yaml\" path:catalog-info.yaml", StandardCharsets.UTF_8);
            assertEquals(200, SimHttp.get(search, SimHttp.cloudAuth()).statusCode());
            ok("POST", admin + "/code-search?enabled=false&status=404");
            assertEquals(404, SimHttp.get(search, SimHttp.cloudAuth()).statusCode());
            ok("POST", admin + "/code-search?enabled=true");
            assertEquals(200, SimHttp.get(search, SimHttp.cloudAuth()).statusCode());
        }
    }

    @Test
    void aCountsOnlyLogCountsByRouteAndKeepsNoRecords() {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.cloud(1, 10))
                .countRequestsOnly().start()) {
            SimHttp.get(sim.cloudApiBase() + "/repositories/acme", SimHttp.cloudAuth());
            SimHttp.get(sim.cloudApiBase() + "/repositories/acme", SimHttp.cloudAuth());
            assertEquals(2, sim.requests().total());
            assertEquals(2, sim.requests().count("GET /2.0/repositories/{workspace}"));
            assertThrows(IllegalStateException.class, () -> sim.requests().all());
            sim.requests().reset();
            assertEquals(0, sim.requests().total());
            assertTrue(sim.requests().countsByRoute().isEmpty());
        }
    }
}
