package dev.bbinv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;

/**
 * Data Center's {@code repos-matching-root-file}: DC's paged envelope followed by nextPageStart, a loose query the
 * caller filters by project, the same switch and index lag as Cloud's code search.
 */
class ServerCodeSearchTest {
    private static final String FILE = "catalog-info.yaml";

    private static BitbucketSimulator start(ServerRateLimitTest.MovableClock clock) {
        return BitbucketSimulator.builder().clock(clock).estate(EstateSpec.builder().cloudWorkspaces(0)
                .serverProjects(3).serverRepos(150).catalogShare(0.5).seed(9).build()).start();
    }

    private static String url(BitbucketSimulator sim, String query, String rootFile) {
        return sim.serverBase() + "/rest/search/latest/repos-matching-root-file?query=" + query + "&rootFile=" + rootFile;
    }

    /** Every repository id the search lists, by project key, following nextPageStart with a small limit. */
    private static Set<String> found(BitbucketSimulator sim, String query) {
        Set<String> ids = new HashSet<>();
        String start = "0";
        while (start != null) {
            JsonNode page = SimHttp.getJson(url(sim, query, FILE) + "&limit=7&start=" + start, SimHttp.serverAuth());
            assertTrue(page.get("values").size() <= 7, page.toString());
            for (JsonNode repo : page.get("values")) {
                ids.add(repo.at("/project/key").asText() + "/" + repo.get("id").asText());
            }
            start = page.get("isLastPage").asBoolean() ? null : page.get("nextPageStart").asText();
        }
        return ids;
    }

    private static Set<String> withFile(BitbucketSimulator sim, String projectKey) {
        Set<String> ids = new HashSet<>();
        for (ServerRepo r : sim.server().repositories(projectKey)) {
            if (r.files().containsKey(FILE)) {
                ids.add(projectKey + "/" + r.id());
            }
        }
        return ids;
    }

    @Test
    void listsTheProjectsRepositoriesWithTheRootFileInPagesAndOthersTheQueryMatches() {
        try (BitbucketSimulator sim = start(new ServerRateLimitTest.MovableClock())) {
            // A repository of another project named after "Payments" matches the query too: callers filter by key.
            ServerRepo namesake = sim.server().add("PLAT", "payments-dashboard");
            sim.server().setCatalogFile(namesake.id(), "kind: Component\n");
            sim.codeSearch().indexLag(Duration.ZERO);
            Set<String> found = found(sim, "Payments");
            Set<String> inPay = new HashSet<>(found);
            inPay.removeIf(id -> !id.startsWith("PAY/"));
            assertEquals(withFile(sim, "PAY"), inPay);
            assertTrue(found.contains("PLAT/" + namesake.id()), found.toString());
            assertFalse(withFile(sim, "PAY").isEmpty());
            assertEquals(200, SimHttp.get(url(sim, "Payments", FILE), SimHttp.serverAuth()).statusCode());
            assertEquals(400, SimHttp.get(url(sim, "Payments", "docs/" + FILE), SimHttp.serverAuth()).statusCode(),
                    "a root file has no folder");
            assertTrue(sim.requests().count("GET /rest/search/latest/repos-matching-root-file") > 2, "logged by route");
        }
    }

    @Test
    void answersAsSwitchedOffWithTheCodeSearchSwitch() {
        try (BitbucketSimulator sim = start(new ServerRateLimitTest.MovableClock())) {
            sim.codeSearch().disable(404);
            assertEquals(404, SimHttp.get(url(sim, "Payments", FILE), SimHttp.serverAuth()).statusCode());
            sim.codeSearch().disable(403);
            assertEquals(403, SimHttp.get(url(sim, "Payments", FILE), SimHttp.serverAuth()).statusCode());
            sim.codeSearch().disable(401);
            assertEquals(401, SimHttp.get(url(sim, "Payments", FILE), SimHttp.serverAuth()).statusCode());
            sim.codeSearch().enable();
            assertEquals(200, SimHttp.get(url(sim, "Payments", FILE), SimHttp.serverAuth()).statusCode());
            assertEquals(401, SimHttp.get(url(sim, "Payments", FILE), null).statusCode(), "authenticated only");
        }
    }

    @Test
    void anIndexThatLagsFindsPushesOnlyOnceTheLagHasPassed() {
        ServerRateLimitTest.MovableClock clock = new ServerRateLimitTest.MovableClock();
        try (BitbucketSimulator sim = start(clock)) {
            sim.codeSearch().indexLag(Duration.ofHours(1));
            ServerRepo without = sim.server().repositories("PAY").stream().filter(r -> !r.files().containsKey(FILE))
                    .findFirst().orElseThrow();
            ServerRepo with = sim.server().repositories("PAY").stream().filter(r -> r.files().containsKey(FILE))
                    .findFirst().orElseThrow();
            assertEquals(withFile(sim, "PAY"), restrict(found(sim, "Payments"), "PAY"), "generated pushes are indexed");
            sim.server().setCatalogFile(without.id(), "kind: Component\n");
            sim.server().setCatalogFile(with.id(), null);
            ServerRepo created = sim.server().add("PAY", "created-with-a-catalog");
            sim.server().setCatalogFile(created.id(), "kind: Component\n");
            clock.advance(Duration.ofMinutes(59));
            Set<String> lagging = found(sim, "Payments");
            assertFalse(lagging.contains("PAY/" + without.id()), "a file added within the lag is not found yet");
            assertTrue(lagging.contains("PAY/" + with.id()), "a file removed within the lag is still found");
            assertFalse(lagging.contains("PAY/" + created.id()));
            clock.advance(Duration.ofMinutes(2));
            assertEquals(withFile(sim, "PAY"), restrict(found(sim, "Payments"), "PAY"), "the index caught up");
        }
    }

    private static Set<String> restrict(Set<String> ids, String projectKey) {
        Set<String> kept = new HashSet<>(ids);
        kept.removeIf(id -> !id.startsWith(projectKey + "/"));
        return kept;
    }
}
