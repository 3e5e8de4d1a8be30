package dev.bbinv.sim;

import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.log.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RequestLogTest {

    @Test
    void countsRequestsByRouteAndCredentialWithoutRecordingSecrets() {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudRepos(25)
                .serverProjects(1).serverRepos(5).build())) {
            String repos = sim.cloudApiBase() + "/repositories/acme";
            SimHttp.get(repos, SimHttp.cloudAuth());
            SimHttp.get(repos + "?page=2", SimHttp.cloudAuth());
            SimHttp.get(repos, SimHttp.basic(BitbucketSimulator.CLOUD_EMAIL, "not-the-token"));
            SimHttp.get(sim.serverBase() + "/rest/api/1.0/projects/PLAT/repos", SimHttp.serverAuth());
            SimHttp.get(sim.serverBase() + "/rest/api/1.0/projects/PLAT/repos", "Bearer secret-bearer");

            assertEquals(5, sim.requests().total());
            assertEquals(3, sim.requests().count("GET /2.0/repositories/{workspace}"));
            assertEquals(Map.of("GET /2.0/repositories/{workspace}", 3L,
                    "GET /rest/api/1.0/projects/{projectKey}/repos", 2L), sim.requests().countsByRoute());
            assertEquals(2, sim.requests().countFor(BitbucketSimulator.CLOUD_EMAIL));
            assertEquals(1, sim.requests().countFor("invalid:" + BitbucketSimulator.CLOUD_EMAIL));
            assertEquals(1, sim.requests().countFor("invalid:bearer"));
            assertEquals(1, sim.requests().count(r -> r.status() == 401 && r.path().startsWith("/2.0")));
            RecordedRequest second = sim.requests().all().get(1);
            assertEquals("page=2", second.query());
            assertEquals(200, second.status());
            for (RecordedRequest r : sim.requests().all()) {
                String all = r.toString();
                assertFalse(all.contains(BitbucketSimulator.CLOUD_API_TOKEN) || all.contains("not-the-token")
                        || all.contains("secret-bearer") || all.contains(BitbucketSimulator.SERVER_ADMIN_PASSWORD));
            }
            sim.requests().reset();
            assertEquals(0, sim.requests().total());
        }
    }
}
