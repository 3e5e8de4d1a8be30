package dev.bbinv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;

/** Cloud code search: the search_result_page envelope and paging, the switch, and an index that lags pushes. */
class CloudCodeSearchTest {
    private static final String QUERY = URLEncoder.encode("\"catalog-info.yaml\" path:catalog-info.yaml",
            StandardCharsets.UTF_8);

    private static BitbucketSimulator start() {
        return BitbucketSimulator.builder().estate(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(60)
                .catalogShare(0.5).seed(5).build()).start();
    }

    private static String searchUrl(BitbucketSimulator sim, String extra) {
        String ws = sim.cloud().workspaces().get(0).slug();
        return sim.cloudApiBase() + "/workspaces/" + ws + "/search/code?search_query=" + QUERY + extra;
    }

    /** Every repository uuid the search finds with the catalog file at the root, following next links. */
    private static Set<String> found(BitbucketSimulator sim) {
        Set<String> uuids = new HashSet<>();
        String url = searchUrl(sim, "&pagelen=7&fields=%2Bvalues.file.commit.repository.uuid");
        while (url != null) {
            JsonNode page = SimHttp.json(SimHttp.get(url, SimHttp.cloudAuth()));
            for (JsonNode v : page.get("values")) {
                if (v.at("/file/path").asText().equals("catalog-info.yaml")) {
                    uuids.add(v.at("/file/commit/repository/uuid").asText());
                }
            }
            url = page.hasNonNull("next") ? page.get("next").asText() : null;
        }
        return uuids;
    }

    private static Set<String> withFile(BitbucketSimulator sim) {
        Set<String> uuids = new HashSet<>();
        for (CloudRepo r : sim.cloud().allRepositories()) {
            if (r.files().containsKey("catalog-info.yaml")) {
                uuids.add(r.uuid());
            }
        }
        return uuids;
    }

    @Test
    void pagesThroughEveryCatalogFileWithTheSearchResultPageEnvelope() {
        try (BitbucketSimulator sim = start()) {
            HttpResponse<String> first = SimHttp.get(searchUrl(sim, "&pagelen=7"), SimHttp.cloudAuth());
            assertEquals(200, first.statusCode());
            JsonNode page = SimHttp.json(first);
            int expected = withFile(sim).size();
            assertTrue(expected > 7, "the estate has files on several pages");
            assertEquals(expected, page.get("size").asInt());
            assertEquals(1, page.get("page").asInt());
            assertEquals(7, page.get("pagelen").asInt());
            assertFalse(page.get("query_substituted").asBoolean());
            assertTrue(page.get("next").asText().contains("page=2"));
            JsonNode value = page.get("values").get(0);
            assertEquals("code_search_result", value.get("type").asText());
            assertEquals("commit_file", value.at("/file/type").asText());
            assertTrue(value.at("/file/links/self/href").asText().contains("/src/"));
            assertTrue(value.at("/path_matches/1/match").asBoolean());
            assertTrue(value.at("/file/commit").isMissingNode(), "the repository only when fields asks for it");
            assertEquals(withFile(sim), found(sim));
        }
    }

    @Test
    void answers404Or403WhenSwitchedOffAnd400WithoutASearchTerm() {
        try (BitbucketSimulator sim = start()) {
            sim.codeSearch().disable(404);
            HttpResponse<String> off = SimHttp.get(searchUrl(sim, ""), SimHttp.cloudAuth());
            assertEquals(404, off.statusCode());
            assertTrue(SimHttp.json(off).at("/error/message").asText().contains("Search is not enabled"));
            sim.codeSearch().disable(403);
            assertEquals(403, SimHttp.get(searchUrl(sim, ""), SimHttp.cloudAuth()).statusCode());
            sim.codeSearch().enable();
            assertEquals(200, SimHttp.get(searchUrl(sim, ""), SimHttp.cloudAuth()).statusCode());
            String ws = sim.cloud().workspaces().get(0).slug();
            assertEquals(400, SimHttp.get(sim.cloudApiBase() + "/workspaces/" + ws + "/search/code?search_query="
                    + URLEncoder.encode("path:catalog-info.yaml", StandardCharsets.UTF_8), SimHttp.cloudAuth())
                    .statusCode());
        }
    }

    @Test
    void aPushWithinTheIndexLagIsNotSearchableYet() {
        try (BitbucketSimulator sim = start()) {
            sim.codeSearch().indexLag(Duration.ofHours(1));
            Set<String> before = found(sim);
            CloudRepo without = sim.cloud().allRepositories().stream()
                    .filter(r -> !r.files().containsKey("catalog-info.yaml")).findFirst().orElseThrow();
            CloudRepo with = sim.cloud().allRepositories().stream()
                    .filter(r -> r.files().containsKey("catalog-info.yaml")).findFirst().orElseThrow();
            sim.cloud().setCatalogFile(without.uuid(), "kind: Component\n");
            sim.cloud().setCatalogFile(with.uuid(), null);
            assertEquals(before, found(sim), "added not found yet, removed still found");
            sim.codeSearch().indexLag(Duration.ZERO);
            Set<String> after = found(sim);
            assertTrue(after.contains(without.uuid()));
            assertFalse(after.contains(with.uuid()));
        }
    }

    @Test
    void aPushBecomesSearchableOnceTheLagHasPassedWithoutAnyOtherChange() throws Exception {
        try (BitbucketSimulator sim = start()) {
            // Long enough that the first search (many pages over HTTP) ends within it on a loaded machine.
            sim.codeSearch().indexLag(Duration.ofSeconds(10));
            CloudRepo without = sim.cloud().allRepositories().stream()
                    .filter(r -> !r.files().containsKey("catalog-info.yaml")).findFirst().orElseThrow();
            sim.cloud().setCatalogFile(without.uuid(), "kind: Component\n");
            assertFalse(found(sim).contains(without.uuid()), "pushed a moment ago: not indexed yet");
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!found(sim).contains(without.uuid())) {
                assertTrue(System.nanoTime() < deadline, "still not searchable 40 s after a 10 s lag");
                Thread.sleep(50);
            }
        }
    }
}
