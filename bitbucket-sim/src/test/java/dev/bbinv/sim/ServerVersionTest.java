package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.EstateSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerVersionTest {

    @Test
    void anOlderServerReportsItsVersionAndOmitsDefaultBranch() {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().serverVersion("8.19.1")
                .estate(EstateSpec.server(1, 3)).start()) {
            String api = sim.serverBase() + "/rest/api/1.0";
            assertEquals("8.19.1", SimHttp.getJson(api + "/application-properties", null).get("version").asText());
            JsonNode repos = SimHttp.getJson(api + "/projects/PLAT/repos", SimHttp.serverAuth());
            assertEquals(3, repos.get("size").asInt());
            repos.get("values").forEach(r -> assertFalse(r.has("defaultBranch")));
        }
    }

    @Test
    void emptyRepositoriesHaveNoDefaultBranchOnNineX() {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.server(1, 20).toBuilder().noDefaultBranchShare(0.5).build()).start()) {
            JsonNode repos = SimHttp.getJson(sim.serverBase() + "/rest/api/1.0/projects/PLAT/repos?limit=100",
                    SimHttp.serverAuth());
            int with = 0;
            for (JsonNode r : repos.get("values")) {
                with += r.has("defaultBranch") ? 1 : 0;
            }
            assertTrue(with > 0 && with < 20, "some with, some without: " + with);
        }
    }
}
