package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudRepositoriesTest {
    private static BitbucketSimulator sim;

    @BeforeAll
    static void start() {
        sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(2).cloudRepos(250).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void pagesThroughEveryRepositoryFollowingNextWithTheCloudEnvelope() {
        // Given acme's 125 repositories, when listed 50 per page following next
        List<JsonNode> pages = new ArrayList<>();
        String url = sim.cloudApiBase() + "/repositories/acme?pagelen=50";
        while (url != null) {
            JsonNode page = SimHttp.getJson(url, SimHttp.cloudAuth());
            pages.add(page);
            url = page.has("next") ? page.get("next").asText() : null;
        }
        // Then three pages with the full envelope, next absent only on the last
        assertEquals(3, pages.size());
        assertEquals(50, pages.get(0).get("pagelen").asInt());
        assertEquals(125, pages.get(0).get("size").asInt());
        assertEquals(1, pages.get(0).get("page").asInt());
        assertEquals(3, pages.get(2).get("page").asInt());
        assertFalse(pages.get(2).has("next"));
        assertTrue(pages.get(1).get("next").asText().startsWith(sim.cloudApiBase() + "/repositories/acme?"));
        Set<String> uuids = new HashSet<>();
        pages.forEach(p -> p.get("values").forEach(v -> uuids.add(v.get("uuid").asText())));
        assertEquals(125, uuids.size());
        Set<String> expected = new HashSet<>();
        sim.cloud().repositories("acme").forEach(r -> expected.add(r.uuid()));
        assertEquals(expected, uuids);
    }

    @Test
    void pagelenDefaultsToTenAndIsCappedAtOneHundred() {
        assertEquals(10, SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme", SimHttp.cloudAuth())
                .get("values").size());
        JsonNode capped = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?pagelen=500", SimHttp.cloudAuth());
        assertEquals(100, capped.get("pagelen").asInt());
        assertEquals(100, capped.get("values").size());
    }

    @Test
    void rendersRealisticRepositoryObjects() {
        CloudRepo expected = sim.cloud().repositories("globex").get(0);
        JsonNode repo = SimHttp.getJson(sim.cloudApiBase() + "/repositories/globex/" + expected.slug(),
                SimHttp.cloudAuth());
        assertEquals("repository", repo.get("type").asText());
        assertTrue(repo.get("uuid").asText().matches("\\{[0-9a-f-]{36}}"));
        assertEquals(expected.uuid(), repo.get("uuid").asText());
        assertEquals("globex/" + expected.slug(), repo.get("full_name").asText());
        assertEquals(expected.name(), repo.get("name").asText());
        assertEquals(expected.isPrivate(), repo.get("is_private").asBoolean());
        assertEquals(expected.language(), repo.get("language").asText());
        assertEquals("branch", repo.at("/mainbranch/type").asText());
        assertEquals(expected.projectKey(), repo.at("/project/key").asText());
        assertEquals("project", repo.at("/project/type").asText());
        assertEquals("https", repo.at("/links/clone/0/name").asText());
        assertEquals("ssh", repo.at("/links/clone/1/name").asText());
        assertEquals("https://bitbucket.org/globex/" + expected.slug(), repo.at("/links/html/href").asText());
        assertTrue(repo.get("updated_on").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        assertEquals("git", repo.get("scm").asText());
        assertEquals("team", repo.at("/owner/type").asText());
        // Some repositories have a language, others ""
        Set<String> languages = new HashSet<>();
        sim.cloud().allRepositories().forEach(r -> languages.add(r.language().isEmpty() ? "" : "set"));
        assertEquals(Set.of("", "set"), languages);
        // The same repository is reachable by its uuid
        assertEquals(expected.slug(), SimHttp.getJson(sim.cloudApiBase() + "/repositories/globex/"
                + URLEncoder.encode(expected.uuid(), StandardCharsets.UTF_8), SimHttp.cloudAuth()).get("slug").asText());
    }

    @Test
    void filtersByUpdatedOnAndSortsNewestFirst() {
        List<CloudRepo> all = sim.cloud().repositories("acme");
        Instant median = all.stream().map(CloudRepo::updatedOn).sorted().toList().get(all.size() / 2);
        long newer = all.stream().filter(r -> r.updatedOn().isAfter(median)).count();
        String q = URLEncoder.encode("updated_on>" + median.toString().replace("Z", ""), StandardCharsets.UTF_8);
        JsonNode page = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?pagelen=100&sort=-updated_on&q=" + q,
                SimHttp.cloudAuth());
        assertEquals(newer, page.get("size").asLong());
        Instant previous = Instant.MAX;
        for (JsonNode v : page.get("values")) {
            Instant at = Instant.parse(v.get("updated_on").asText().replace("+00:00", "Z"));
            assertTrue(at.isAfter(median));
            assertTrue(!at.isAfter(previous), "newest first");
            previous = at;
        }
        // >= includes the median itself
        String qInclusive = URLEncoder.encode("updated_on>=" + median, StandardCharsets.UTF_8);
        assertEquals(newer + 1, SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?q=" + qInclusive,
                SimHttp.cloudAuth()).get("size").asLong());
    }

    @Test
    void filtersByProjectKey() {
        long inPay = sim.cloud().repositories("acme").stream().filter(r -> r.projectKey().equals("PAY")).count();
        JsonNode page = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?pagelen=100&q="
                + URLEncoder.encode("project.key=\"PAY\"", StandardCharsets.UTF_8), SimHttp.cloudAuth());
        assertEquals(inPay, page.get("size").asLong());
        page.get("values").forEach(v -> assertEquals("PAY", v.at("/project/key").asText()));
    }

    @Test
    void refusesQueriesItCannotEvaluateWithA400() {
        HttpResponse<String> r = SimHttp.get(sim.cloudApiBase() + "/repositories/acme?q="
                + URLEncoder.encode("name=\"a\" OR name=\"b\"", StandardCharsets.UTF_8), SimHttp.cloudAuth());
        assertEquals(400, r.statusCode());
        assertEquals("error", SimHttp.json(r).get("type").asText());
    }

    @Test
    void appliesFieldsToTheResponse() {
        JsonNode bare = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?pagelen=2&fields="
                + URLEncoder.encode("next,values.slug,values.mainbranch.name", StandardCharsets.UTF_8),
                SimHttp.cloudAuth());
        assertTrue(bare.has("next"));
        assertFalse(bare.has("size"));
        JsonNode first = bare.get("values").get(0);
        assertEquals(Set.of("slug", "mainbranch"), fieldNames(first));
        assertEquals(Set.of("name"), fieldNames(first.get("mainbranch")));
        JsonNode minus = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?pagelen=2&fields="
                + URLEncoder.encode("-values.links,-values.owner", StandardCharsets.UTF_8), SimHttp.cloudAuth());
        assertNull(minus.get("values").get(0).get("links"));
        assertNotNull(minus.get("values").get(0).get("uuid"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
