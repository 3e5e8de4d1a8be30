package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.estate.AdminUsers;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerApiTest {
    private static BitbucketSimulator sim;
    private static String api;

    @BeforeAll
    static void start() {
        sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().cloudWorkspaces(0).serverProjects(3).serverRepos(120)
                        .serverUsers(12).serverPersonalProjects(2).serverReposPerPersonalProject(2)
                        .archivedShare(0.2).catalogShare(1.0).catalogInvalidShare(0).catalogMultiDocShare(0)
                        .catalogMissingFieldsShare(0).noDefaultBranchShare(0).build())
                .serverLimitCap(30)
                .start();
        api = sim.serverBase() + "/rest/api/1.0";
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void pagesFollowNextPageStartWhichIsNotStartPlusSize() {
        // Given 40 repositories in PLAT and a server cap of 30
        List<JsonNode> pages = new ArrayList<>();
        int start = 0;
        while (true) {
            JsonNode page = SimHttp.getJson(api + "/projects/PLAT/repos?limit=1000&start=" + start, SimHttp.serverAuth());
            pages.add(page);
            if (page.get("isLastPage").asBoolean()) {
                assertFalse(page.has("nextPageStart"));
                break;
            }
            start = page.get("nextPageStart").asInt();
            // Then nextPageStart is not start + size
            assertNotEquals(page.get("start").asInt() + page.get("size").asInt(), start);
        }
        assertEquals(2, pages.size());
        assertEquals(30, pages.get(0).get("limit").asInt(), "the cap is read back as limit");
        assertEquals(30, pages.get(0).get("size").asInt());
        assertEquals(10, pages.get(1).get("size").asInt());
        Set<Integer> ids = new HashSet<>();
        pages.forEach(p -> p.get("values").forEach(v -> ids.add(v.get("id").asInt())));
        assertEquals(40, ids.size());
        // And a client that computes start+size re-reads repositories it already has
        JsonNode wrong = SimHttp.getJson(api + "/projects/PLAT/repos?limit=30&start=30", SimHttp.serverAuth());
        Set<Integer> firstPage = new HashSet<>();
        pages.get(0).get("values").forEach(v -> firstPage.add(v.get("id").asInt()));
        assertTrue(firstPage.contains(wrong.get("values").get(0).get("id").asInt()));
    }

    @Test
    void repositoryIdsAreNotContiguous() {
        List<ServerRepo> repos = sim.server().repositories("PLAT");
        boolean gap = false;
        for (int i = 1; i < repos.size(); i++) {
            gap |= repos.get(i).id() - repos.get(i - 1).id() > 1;
        }
        assertTrue(gap);
    }

    @Test
    void rendersRestRepositoryWithProjectAndListLinks() {
        ServerRepo expected = sim.server().repositories("PAY").get(0);
        JsonNode repo = SimHttp.getJson(api + "/projects/PAY/repos/" + expected.slug(), SimHttp.serverAuth());
        assertEquals(expected.id(), repo.get("id").asInt());
        assertEquals(expected.slug(), repo.get("slug").asText());
        assertEquals("git", repo.get("scmId").asText());
        assertEquals("AVAILABLE", repo.get("state").asText());
        assertEquals(expected.archived(), repo.get("archived").asBoolean());
        assertEquals(expected.defaultBranch(), repo.get("defaultBranch").asText());
        assertEquals("PAY", repo.at("/project/key").asText());
        assertEquals("NORMAL", repo.at("/project/type").asText());
        assertEquals("http", repo.at("/links/clone/0/name").asText());
        assertEquals(sim.serverBase() + "/scm/pay/" + expected.slug() + ".git", repo.at("/links/clone/0/href").asText());
        assertEquals("ssh", repo.at("/links/clone/1/name").asText());
        assertTrue(repo.at("/links/self/0/href").asText().endsWith("/projects/PAY/repos/" + expected.slug() + "/browse"));
        assertEquals(20, repo.get("hierarchyId").asText().length());
    }

    @Test
    void listsPersonalProjectsAndTheirRepositories() {
        JsonNode projects = SimHttp.getJson(api + "/projects?limit=100", SimHttp.serverAuth());
        List<String> personal = new ArrayList<>();
        projects.get("values").forEach(p -> {
            if (p.get("type").asText().equals("PERSONAL")) {
                personal.add(p.get("key").asText());
                assertTrue(p.get("key").asText().startsWith("~"));
                assertTrue(p.has("owner"));
            }
        });
        assertEquals(2, personal.size());
        JsonNode repos = SimHttp.getJson(api + "/projects/" + personal.get(0) + "/repos", SimHttp.serverAuth());
        assertEquals(2, repos.get("size").asInt());
    }

    @Test
    void reposEndpointHidesArchivedByDefault() {
        int archived = sim.server().allRepositories().archived().length;
        int all = sim.server().allRepositories().all().length;
        assertTrue(archived > 0);
        assertEquals(all - archived, total(api + "/repos?limit=1000"));
        assertEquals(all, total(api + "/repos?limit=1000&archived=ALL"));
        assertEquals(archived, total(api + "/repos?limit=1000&archived=archived"));
        assertEquals(400, SimHttp.get(api + "/repos?archived=SOME", SimHttp.serverAuth()).statusCode());
    }

    @Test
    void adminUsersNeedsAnAdminAndUsersDoesNot() {
        JsonNode admin = SimHttp.getJson(api + "/admin/users?limit=100", SimHttp.serverAuth());
        assertEquals(12, admin.get("size").asInt());
        assertTrue(admin.get("values").get(0).has("directoryName"));
        String reader = SimHttp.basic(BitbucketSimulator.SERVER_USER, BitbucketSimulator.SERVER_USER_PASSWORD);
        HttpResponse<String> refused = SimHttp.get(api + "/admin/users", reader);
        assertEquals(401, refused.statusCode());
        assertEquals("com.atlassian.bitbucket.AuthorisationException",
                SimHttp.json(refused).at("/errors/0/exceptionName").asText());
        JsonNode users = SimHttp.getJson(api + "/users?limit=100", reader);
        assertEquals(12, users.get("size").asInt());
        assertFalse(users.get("values").get(0).has("directoryName"));
    }

    @Test
    void adminUsersCanBeForbiddenMissingOrRefusingGetWhileUsersStillAnswers() {
        String reader = SimHttp.basic(BitbucketSimulator.SERVER_USER, BitbucketSimulator.SERVER_USER_PASSWORD);
        try {
            sim.server().adminUsers(AdminUsers.ADMINS_ONLY_FORBIDDEN);
            assertEquals(403, SimHttp.get(api + "/admin/users", reader).statusCode());
            assertEquals(200, SimHttp.get(api + "/admin/users", SimHttp.serverAuth()).statusCode());
            sim.server().adminUsers(AdminUsers.NOT_FOUND);
            HttpResponse<String> missing = SimHttp.get(api + "/admin/users", SimHttp.serverAuth());
            assertEquals(404, missing.statusCode());
            assertTrue(SimHttp.json(missing).at("/errors/0/message").asText().contains("/admin/users"));
            sim.server().adminUsers(AdminUsers.METHOD_NOT_ALLOWED);
            assertEquals(405, SimHttp.get(api + "/admin/users", SimHttp.serverAuth()).statusCode());
            assertEquals(405, SimHttp.get(api + "/admin/users", reader).statusCode());
            assertEquals(12, SimHttp.getJson(api + "/users?limit=100", reader).get("size").asInt());
        } finally {
            sim.server().adminUsers(AdminUsers.ADMINS_ONLY);
        }
        assertEquals(401, SimHttp.get(api + "/admin/users", reader).statusCode());
    }

    @Test
    void applicationPropertiesNeedsNoAuthButProjectsDo() {
        JsonNode props = SimHttp.getJson(api + "/application-properties", null);
        assertEquals("9.2.0", props.get("version").asText());
        HttpResponse<String> r = SimHttp.get(api + "/projects", null);
        assertEquals(401, r.statusCode());
        JsonNode error = SimHttp.json(r).at("/errors/0");
        assertTrue(error.has("context") && error.get("context").isNull());
        assertFalse(error.get("message").asText().isEmpty());
        HttpResponse<String> bad = SimHttp.get(api + "/projects", SimHttp.basic("admin", "wrong"));
        assertEquals(401, bad.statusCode());
        assertEquals(200, SimHttp.get(api + "/projects", "Bearer " + BitbucketSimulator.SERVER_HTTP_TOKEN).statusCode());
    }

    @Test
    void servesRawFilesAtTheDefaultBranchAnd404sMissingPaths() {
        ServerRepo r = sim.server().repositories("DATA").get(0);
        String base = api + "/projects/DATA/repos/" + r.slug() + "/raw/";
        HttpResponse<String> file = SimHttp.get(base + "catalog-info.yaml", SimHttp.serverAuth());
        assertEquals(200, file.statusCode());
        assertEquals(r.files().get("catalog-info.yaml"), file.body());
        assertEquals(200, SimHttp.get(base + "catalog-info.yaml?at=refs/heads/" + r.defaultBranch(),
                SimHttp.serverAuth()).statusCode());
        assertEquals(200, SimHttp.get(base + "catalog-info.yaml?at=" + r.headCommit(), SimHttp.serverAuth()).statusCode());
        HttpResponse<String> missing = SimHttp.get(base + "nope.yaml", SimHttp.serverAuth());
        assertEquals(404, missing.statusCode());
        assertEquals("com.atlassian.bitbucket.content.NoSuchPathException",
                SimHttp.json(missing).at("/errors/0/exceptionName").asText());
        assertEquals(404, SimHttp.get(api + "/projects/NOPE/repos", SimHttp.serverAuth()).statusCode());
    }

    @Test
    void latestIsAnAliasOfOnePointZero() {
        assertEquals(200, SimHttp.get(sim.serverBase() + "/rest/api/latest/projects", SimHttp.serverAuth())
                .statusCode());
    }

    private static int total(String firstUrl) {
        int n = 0;
        String url = firstUrl;
        while (true) {
            JsonNode page = SimHttp.getJson(url, SimHttp.serverAuth());
            n += page.get("size").asInt();
            if (page.get("isLastPage").asBoolean()) {
                return n;
            }
            url = firstUrl + "&start=" + page.get("nextPageStart").asInt();
        }
    }
}
