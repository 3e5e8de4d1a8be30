package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LargeEstateTest {

    @Test
    void generatesAndPagesAHundredThousandRepositoriesPerDialect() {
        long t0 = System.nanoTime();
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1)
                .cloudRepos(100_000).serverProjects(10).serverRepos(100_000).build())) {
            long generated = System.nanoTime();
            // Cloud: every page of the workspace, trimmed with fields= as the connector does
            Set<String> uuids = new HashSet<>(200_000);
            String url = sim.cloudApiBase() + "/repositories/acme?pagelen=100&fields="
                    + URLEncoder.encode("next,values.uuid,values.updated_on", StandardCharsets.UTF_8);
            int pages = 0;
            while (url != null) {
                JsonNode page = SimHttp.getJson(url, SimHttp.cloudAuth());
                page.get("values").forEach(v -> uuids.add(v.get("uuid").asText()));
                url = page.has("next") ? page.get("next").asText() : null;
                pages++;
            }
            long cloudPaged = System.nanoTime();
            // DC: a 1000-repository page from the front and one from deep inside a 10,000-repository project
            String projectRepos = sim.serverBase() + "/rest/api/1.0/projects/PRJ10/repos?limit=1000";
            JsonNode first = SimHttp.getJson(projectRepos, SimHttp.serverAuth());
            JsonNode second = SimHttp.getJson(projectRepos + "&start=" + first.get("nextPageStart").asInt(),
                    SimHttp.serverAuth());
            List<ServerRepo> prj10 = sim.server().repositories("PRJ10");
            long dcPaged = System.nanoTime();
            // An incremental query over the big estate is answered from the updated_on index
            CloudRepo touched = sim.cloud().touch(sim.cloud().repositories("acme").get(50_000).uuid());
            Instant since = touched.updatedOn().minusNanos(1000);
            JsonNode delta = SimHttp.getJson(sim.cloudApiBase() + "/repositories/acme?sort=-updated_on&q="
                    + URLEncoder.encode("updated_on>" + since, StandardCharsets.UTF_8), SimHttp.cloudAuth());
            long incremental = System.nanoTime();

            assertEquals(100_000, uuids.size());
            assertEquals(1000, pages);
            assertEquals(100_000, sim.server().size());
            assertEquals(1000, second.get("size").asInt());
            assertEquals(prj10.get(1000).id(), second.at("/values/0/id").asInt());
            assertEquals(1, delta.get("size").asInt());
            assertEquals(touched.uuid(), delta.at("/values/0/uuid").asText());
            System.out.printf("100k+100k estate: generate+start %d ms; Cloud 1000 pages (fields-trimmed) %d ms;"
                            + " DC 2 pages of 1000 %d ms; mutation + incremental query %d ms%n",
                    (generated - t0) / 1_000_000, (cloudPaged - generated) / 1_000_000,
                    (dcPaged - cloudPaged) / 1_000_000, (incremental - dcPaged) / 1_000_000);
        }
    }
}
