package dev.bbinv.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudAccountsAndFilesTest {
    private static BitbucketSimulator sim;

    @BeforeAll
    static void start() {
        sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().cloudWorkspaces(3).cloudRepos(30).cloudMembersPerWorkspace(4)
                        .catalogShare(0.5).build())
                .credential(Credential.cloudApiToken("limited@example.com", "limited-token")
                        .withScopes("read:user:bitbucket", "read:workspace:bitbucket"))
                .credential(Credential.cloudApiToken("owner@example.com", "owner-token").asAdmin())
                .credential(Credential.cloudAccessToken("acme-only", "acme-token").limitedToWorkspaces("acme"))
                .start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void answers401WithCloudErrorJsonForMissingOrWrongCredentials() {
        for (String auth : new String[] {null, SimHttp.basic(BitbucketSimulator.CLOUD_EMAIL, "wrong"), "Bearer nope"}) {
            HttpResponse<String> r = SimHttp.get(sim.cloudApiBase() + "/repositories/acme", auth);
            assertEquals(401, r.statusCode());
            JsonNode body = SimHttp.json(r);
            assertEquals("error", body.get("type").asText());
            assertFalse(body.at("/error/message").asText().isEmpty());
            assertFalse(r.body().contains("wrong"), "the offered secret is never echoed");
        }
    }

    @Test
    void answers403NamingTheMissingScope() {
        String limited = SimHttp.basic("limited@example.com", "limited-token");
        assertEquals(200, SimHttp.get(sim.cloudApiBase() + "/user", limited).statusCode());
        HttpResponse<String> r = SimHttp.get(sim.cloudApiBase() + "/repositories/acme", limited);
        assertEquals(403, r.statusCode());
        JsonNode body = SimHttp.json(r);
        assertEquals("read:repository:bitbucket", body.at("/error/data/required/0").asText());
        assertTrue(body.at("/error/detail").asText().contains("read:repository:bitbucket"));
    }

    @Test
    void servesCurrentUserAndTheWorkspacesItCanSee() {
        JsonNode user = SimHttp.getJson(sim.cloudApiBase() + "/user", SimHttp.cloudAuth());
        assertEquals("user", user.get("type").asText());
        assertTrue(user.get("uuid").asText().startsWith("{"));
        JsonNode all = SimHttp.getJson(sim.cloudApiBase() + "/user/workspaces", SimHttp.cloudAuth());
        assertEquals(3, all.get("size").asInt());
        assertEquals("workspace_access", all.at("/values/0/type").asText());
        assertEquals("acme", all.at("/values/0/workspace/slug").asText());
        assertEquals("workspace_base", all.at("/values/0/workspace/type").asText());
        JsonNode bound = SimHttp.getJson(sim.cloudApiBase() + "/user/workspaces", "Bearer acme-token");
        assertEquals(1, bound.get("size").asInt());
        assertEquals(404, SimHttp.get(sim.cloudApiBase() + "/repositories/globex", "Bearer acme-token").statusCode());
    }

    @Test
    void listsMembersWithEmailsOnlyForAdminsWhoAskForThem() {
        String url = sim.cloudApiBase() + "/workspaces/acme/members";
        JsonNode plain = SimHttp.getJson(url, SimHttp.cloudAuth());
        assertEquals(4, plain.get("size").asInt());
        assertEquals("workspace_membership", plain.at("/values/0/type").asText());
        assertTrue(plain.at("/values/0/user/account_id").asText().length() > 0);
        assertTrue(plain.at("/values/0/user/email").isMissingNode());
        String fields = "?fields=" + URLEncoder.encode("+values.user.email", StandardCharsets.UTF_8);
        assertTrue(SimHttp.getJson(url + fields, SimHttp.cloudAuth()).at("/values/0/user/email").isMissingNode());
        JsonNode admin = SimHttp.getJson(url + fields, SimHttp.basic("owner@example.com", "owner-token"));
        assertTrue(admin.at("/values/0/user/email").asText().contains("@"));
    }

    @Test
    void servesSrcFilesByBranchOrCommitAnd404sMissingOnes() {
        CloudRepo withCatalog = sim.cloud().allRepositories().stream()
                .filter(r -> r.files().containsKey("catalog-info.yaml")).findFirst().orElseThrow();
        CloudRepo without = sim.cloud().allRepositories().stream()
                .filter(r -> r.files().isEmpty()).findFirst().orElseThrow();
        String base = sim.cloudApiBase() + "/repositories/" + withCatalog.fullName() + "/src/";
        HttpResponse<String> byBranch = SimHttp.get(base + withCatalog.mainbranch() + "/catalog-info.yaml",
                SimHttp.cloudAuth());
        assertEquals(200, byBranch.statusCode());
        assertEquals(withCatalog.files().get("catalog-info.yaml"), byBranch.body());
        assertTrue(byBranch.headers().firstValue("ETag").isPresent());
        assertEquals(200, SimHttp.get(base + withCatalog.headCommit() + "/catalog-info.yaml", SimHttp.cloudAuth())
                .statusCode());
        HttpResponse<String> missing = SimHttp.get(sim.cloudApiBase() + "/repositories/" + without.fullName()
                + "/src/" + without.mainbranch() + "/catalog-info.yaml", SimHttp.cloudAuth());
        assertEquals(404, missing.statusCode());
        assertEquals("error", SimHttp.json(missing).get("type").asText());
        assertEquals(404, SimHttp.get(base + "0000000000/catalog-info.yaml", SimHttp.cloudAuth()).statusCode());
    }

    @Test
    void aRevokedCredentialGets401OnItsNextRequest() {
        sim.credentials().add(dev.bbinv.sim.auth.Credential.cloudApiToken("temp@example.com", "temp-token"));
        String temp = SimHttp.basic("temp@example.com", "temp-token");
        assertEquals(200, SimHttp.get(sim.cloudApiBase() + "/repositories/acme", temp).statusCode());
        sim.credentials().revoke("temp@example.com");
        assertEquals(401, SimHttp.get(sim.cloudApiBase() + "/repositories/acme?page=2", temp).statusCode());
        assertEquals(200, SimHttp.get(sim.cloudApiBase() + "/repositories/acme", SimHttp.cloudAuth()).statusCode());
    }

    @Test
    void unknownWorkspaceAndRepositoryAre404() {
        HttpResponse<String> r = SimHttp.get(sim.cloudApiBase() + "/repositories/nope", SimHttp.cloudAuth());
        assertEquals(404, r.statusCode());
        assertNull(SimHttp.json(r).get("values"));
        assertEquals(404, SimHttp.get(sim.cloudApiBase() + "/repositories/acme/nope", SimHttp.cloudAuth()).statusCode());
    }
}
