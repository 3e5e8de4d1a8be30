package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.CatalogFiles;
import dev.bbinv.sim.estate.CatalogKind;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstateMutationTest {
    private BitbucketSimulator sim;

    @BeforeEach
    void start() {
        sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(40)
                .serverProjects(2).serverRepos(20).archivedShare(0).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void cloudAddUpdateRenameDeleteAreVisibleInTheNextListing() {
        List<CloudRepo> before = sim.cloud().repositories("acme");
        Instant watermark = before.stream().map(CloudRepo::updatedOn).max(Instant::compareTo).orElseThrow();
        CloudRepo added = sim.cloud().add("acme", "PAY", "brand-new-service");
        CloudRepo touched = sim.cloud().touch(before.get(0).uuid());
        CloudRepo renamed = sim.cloud().rename(before.get(1).uuid(), "Renamed Thing");
        sim.cloud().delete(before.get(2).uuid());

        Map<String, JsonNode> listed = listCloud("");
        assertEquals(40, listed.size(), "40 + 1 added - 1 deleted");
        assertTrue(listed.containsKey(added.uuid()));
        assertFalse(listed.containsKey(before.get(2).uuid()));
        JsonNode r = listed.get(renamed.uuid());
        assertEquals("Renamed Thing", r.get("name").asText());
        assertEquals("renamed-thing", r.get("slug").asText());
        assertEquals("acme/renamed-thing", r.get("full_name").asText());
        assertTrue(touched.updatedOn().isAfter(before.get(0).updatedOn()));

        // An incremental query since the old watermark returns exactly the changed repositories, newest first
        Map<String, JsonNode> changed = listCloud("&sort=-updated_on&q="
                + URLEncoder.encode("updated_on>" + watermark, StandardCharsets.UTF_8));
        assertEquals(List.of(renamed.uuid(), touched.uuid(), added.uuid()), new ArrayList<>(changed.keySet()));
    }

    @Test
    void catalogFileChangesAreServedAndBumpUpdatedOn() {
        CloudRepo repo = sim.cloud().repositories("acme").get(3);
        String text = CatalogFiles.render(CatalogKind.VALID, "svc", "Svc", 1);
        CloudRepo changed = sim.cloud().setCatalogFile(repo.uuid(), text);
        assertTrue(changed.updatedOn().isAfter(repo.updatedOn()));
        String url = sim.cloudApiBase() + "/repositories/acme/" + repo.slug() + "/src/" + repo.mainbranch()
                + "/catalog-info.yaml";
        assertEquals(text, SimHttp.get(url, SimHttp.cloudAuth()).body());
        sim.cloud().setCatalogFile(repo.uuid(), null);
        assertEquals(404, SimHttp.get(url, SimHttp.cloudAuth()).statusCode());
    }

    @Test
    void serverRenameArchiveDeleteKeepIds() {
        List<ServerRepo> repos = sim.server().repositories("PLAT");
        ServerRepo renamed = sim.server().rename(repos.get(0).id(), "Moved Repo");
        sim.server().archive(repos.get(1).id(), true);
        sim.server().delete(repos.get(2).id());
        ServerRepo added = sim.server().add("PLAT", "fresh");
        String api = sim.serverBase() + "/rest/api/1.0";
        JsonNode page = SimHttp.getJson(api + "/projects/PLAT/repos?limit=100", SimHttp.serverAuth());
        Map<Integer, JsonNode> byId = new HashMap<>();
        page.get("values").forEach(v -> byId.put(v.get("id").asInt(), v));
        assertEquals(10, byId.size());
        assertEquals("moved-repo", byId.get(renamed.id()).get("slug").asText());
        assertTrue(byId.get(repos.get(1).id()).get("archived").asBoolean());
        assertNull(byId.get(repos.get(2).id()));
        assertTrue(byId.containsKey(added.id()));
        JsonNode active = SimHttp.getJson(api + "/repos?limit=100", SimHttp.serverAuth());
        active.get("values").forEach(v -> assertFalse(v.get("id").asInt() == repos.get(1).id()));
    }

    @Test
    void mutationsRaceSafelyWithConcurrentListings() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                readers.add(pool.submit(() -> {
                    int pages = 0;
                    for (int k = 0; k < 20; k++) {
                        JsonNode p = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?pagelen=100&sort=-updated_on",
                                SimHttp.cloudAuth());
                        assertEquals(p.get("size").asInt(), p.get("values").size());
                        pages++;
                    }
                    return pages;
                }));
            }
            List<CloudRepo> repos = sim.cloud().repositories("acme");
            for (int k = 0; k < 200; k++) {
                sim.cloud().touch(repos.get(k % repos.size()).uuid());
            }
            for (Future<Integer> f : readers) {
                assertEquals(20, f.get(30, TimeUnit.SECONDS));
            }
            // Every repository appears exactly once in the updated_on index after the storm
            assertEquals(40, listCloud("&sort=-updated_on").size());
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, JsonNode> listCloud(String extraQuery) {
        Map<String, JsonNode> byUuid = new java.util.LinkedHashMap<>();
        String url = sim.cloudApiBase() + "/repositories/acme?pagelen=7" + extraQuery;
        while (url != null) {
            JsonNode page = SimHttp.getJson(url, SimHttp.cloudAuth());
            page.get("values").forEach(v -> byUuid.put(v.get("uuid").asText(), v));
            url = page.has("next") ? page.get("next").asText() : null;
        }
        return byUuid;
    }
}
