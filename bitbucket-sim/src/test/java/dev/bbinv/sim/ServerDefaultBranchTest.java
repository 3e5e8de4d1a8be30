package dev.bbinv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerEstate;
import dev.bbinv.sim.estate.ServerRepo;

/**
 * What other Data Center clients ask of the simulator: {@code .../default-branch} (RestMinimalRef, also for an empty
 * repository) and a raw file with an empty {@code at=} (the default branch), per the DC OpenAPI spec.
 */
class ServerDefaultBranchTest {
    private static BitbucketSimulator sim;
    private static String api;

    @BeforeAll
    static void start() {
        // Half the repositories are empty (no branch pushed yet); every other one has a catalog file.
        sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().seed(5).cloudWorkspaces(0).serverProjects(2).serverRepos(40)
                        .catalogShare(1.0).catalogInvalidShare(0).catalogMultiDocShare(0)
                        .catalogMissingFieldsShare(0).noDefaultBranchShare(0.5).archivedShare(0).build())
                .start();
        api = sim.serverBase() + "/rest/api/1.0";
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ServerRepo repo(boolean empty) {
        return Arrays.stream(sim.server().allRepositories().active())
                .filter(r -> (r.defaultBranch() == null) == empty && !r.projectKey().startsWith("~"))
                .findFirst().orElseThrow();
    }

    private static String repoUrl(ServerRepo r) {
        return api + "/projects/" + r.projectKey() + "/repos/" + r.slug();
    }

    @Test
    void defaultBranchIsAMinimalRefOfTheRepositorysBranch() {
        ServerRepo r = repo(false);
        sim.requests().reset();
        HttpResponse<String> answer = SimHttp.get(repoUrl(r) + "/default-branch", SimHttp.serverAuth());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode ref = SimHttp.json(answer);
        assertEquals("refs/heads/" + r.defaultBranch(), ref.get("id").asText());
        assertEquals(r.defaultBranch(), ref.get("displayId").asText());
        assertEquals("BRANCH", ref.get("type").asText());
        assertEquals(1, sim.requests().count(
                "GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/default-branch"));
    }

    @Test
    void anEmptyRepositoryAnswersTheConfiguredBranchItsFirstPushWillCreate() {
        ServerRepo empty = repo(true);
        assertNull(empty.defaultBranch());
        HttpResponse<String> answer = SimHttp.get(repoUrl(empty) + "/default-branch", SimHttp.serverAuth());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("refs/heads/" + ServerEstate.CONFIGURED_DEFAULT_BRANCH, SimHttp.json(answer).get("id").asText());
        // and the branch it names is the one a first push creates
        ServerRepo pushed = sim.server().setFile(empty.id(), "README.md", "hello");
        assertEquals(ServerEstate.CONFIGURED_DEFAULT_BRANCH, pushed.defaultBranch());
    }

    @Test
    void defaultBranchOfAMissingRepositoryOrProjectIs404WithTheDcError() {
        ServerRepo r = repo(false);
        HttpResponse<String> noRepo = SimHttp.get(api + "/projects/" + r.projectKey() + "/repos/nope/default-branch",
                SimHttp.serverAuth());
        assertEquals(404, noRepo.statusCode());
        assertEquals("com.atlassian.bitbucket.repository.NoSuchRepositoryException",
                SimHttp.json(noRepo).at("/errors/0/exceptionName").asText());
        HttpResponse<String> noProject = SimHttp.get(api + "/projects/NOPE/repos/x/default-branch", SimHttp.serverAuth());
        assertEquals(404, noProject.statusCode());
        assertEquals(401, SimHttp.get(repoUrl(r) + "/default-branch", SimHttp.basic("admin", "wrong")).statusCode());
    }

    @Test
    void aRawFileWithAnEmptyAtIsReadAtTheDefaultBranch() {
        ServerRepo r = repo(false);
        String file = repoUrl(r) + "/raw/catalog-info.yaml";
        HttpResponse<String> emptyAt = SimHttp.get(file + "?at=", SimHttp.serverAuth());
        assertEquals(200, emptyAt.statusCode(), emptyAt.body());
        assertNotNull(r.files().get("catalog-info.yaml"));
        assertEquals(r.files().get("catalog-info.yaml"), emptyAt.body());
        assertEquals(emptyAt.body(), SimHttp.get(file, SimHttp.serverAuth()).body(), "same as no at at all");
        // a named revision that does not exist is still a 404
        assertEquals(404, SimHttp.get(file + "?at=refs/heads/nope", SimHttp.serverAuth()).statusCode());
    }

    @Test
    void aRawFileWithAnEmptyAtOfAnEmptyRepositoryIsTheEmptyRepository404() {
        ServerRepo empty = repo(true);
        HttpResponse<String> answer = SimHttp.get(repoUrl(empty) + "/raw/catalog-info.yaml?at=", SimHttp.serverAuth());
        assertEquals(404, answer.statusCode());
        assertEquals("com.atlassian.bitbucket.repository.NoDefaultBranchException",
                SimHttp.json(answer).at("/errors/0/exceptionName").asText());
    }
}
