package dev.bbinv.enricher.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.enricher.Fixtures;
import dev.bbinv.enricher.languages.BitbucketLanguages;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.avro.Visibility;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;

/**
 * Golden test on simulator output: repositories, catalog files and users fetched over HTTP from the Bitbucket
 * simulator, as the connector would publish them, go through the real topology; every asset is compared with the
 * simulator's own model of the estate.
 */
class SimulatorGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("(?m)^  name: (\\S+)$");
    private static final Pattern OWNER = Pattern.compile("(?m)^  owner: (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static BitbucketSimulator sim;
    private static TopologyHarness harness;
    private static final Map<String, RepositoryAsset> repositories = new HashMap<>();
    private static final Map<String, UserAsset> users = new HashMap<>();

    @BeforeAll
    static void runTheEstateThroughTheTopology() throws Exception {
        sim = BitbucketSimulator.start(EstateSpec.builder().seed(11)
                .cloudWorkspaces(1).cloudRepos(24).cloudMembersPerWorkspace(4)
                .serverProjects(2).serverRepos(16).serverUsers(4).serverPersonalProjects(0)
                .catalogShare(0.8).archivedShare(0.25).privateShare(0.5).languageShare(0.7).build());
        harness = new TopologyHarness();
        Instant at = Fixtures.T0;
        String cloud = sim.cloudApiBase();
        String cloudAuth = basic(BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN);
        for (JsonNode repo : get(cloud + "/repositories/acme?pagelen=100", cloudAuth).get("values")) {
            String uuid = repo.get("uuid").asText();
            RawEnvelope envelope = Fixtures.envelope("sim-cloud", ServiceType.CLOUD, cloud, "acme", at);
            harness.repositories.pipeInput(AssetIds.cloud(uuid), Fixtures.seen(envelope, uuid, repo.toString()));
            String file = cloud + "/repositories/acme/" + repo.get("slug").asText() + "/src/"
                    + repo.get("mainbranch").get("name").asText() + "/catalog-info.yaml";
            harness.catalogFiles.pipeInput(AssetIds.cloud(uuid), catalogEvent(envelope, uuid, file, cloudAuth));
        }
        for (JsonNode member : get(cloud + "/workspaces/acme/members?pagelen=100", cloudAuth).get("values")) {
            String uuid = member.get("user").get("uuid").asText();
            harness.users.pipeInput(AssetIds.cloud(uuid), Fixtures.userSeen(
                    Fixtures.envelope("sim-cloud", ServiceType.CLOUD, cloud, "acme", at), uuid,
                    member.get("user").toString()));
        }
        String server = sim.serverBase();
        String serverAuth = basic(BitbucketSimulator.SERVER_ADMIN, BitbucketSimulator.SERVER_ADMIN_PASSWORD);
        for (var project : sim.server().projects()) {
            String key = project.key();
            for (JsonNode repo : get(server + "/rest/api/1.0/projects/" + key + "/repos?limit=1000", serverAuth)
                    .get("values")) {
                String id = repo.get("id").asText();
                RawEnvelope envelope = Fixtures.envelope("sim-dc", ServiceType.SERVER, server, key, at);
                harness.repositories.pipeInput(AssetIds.server(server, Long.parseLong(id)),
                        Fixtures.seen(envelope, id, repo.toString()));
            }
        }
        for (JsonNode user : get(server + "/rest/api/1.0/users?limit=1000", serverAuth).get("values")) {
            String id = user.get("id").asText();
            harness.users.pipeInput(AssetIds.server(server, Long.parseLong(id)), Fixtures.userSeen(
                    Fixtures.envelope("sim-dc", ServiceType.SERVER, server, "*", at), id, user.toString()));
        }
        // The latest version of each asset is what a compacted topic keeps.
        harness.repositoryAssets.readValuesToList().forEach(a -> repositories.put(a.getId(), a));
        harness.userAssets.readValuesToList().forEach(u -> users.put(u.getId(), u));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sim.close();
    }

    @Test
    void everyCloudRepositoryBecomesTheAssetTheEstateDescribes() {
        List<CloudRepo> expected = sim.cloud().repositories("acme");
        assertEquals(24, expected.size());
        for (CloudRepo r : expected) {
            RepositoryAsset a = repositories.get(AssetIds.cloud(r.uuid()));
            assertNotNull(a, "asset of " + r.fullName());
            assertEquals(r.name(), a.getName());
            assertEquals(r.slug(), a.getSlug());
            assertEquals(r.fullName(), a.getFullName());
            assertEquals("acme", a.getSource().getScopeKey());
            assertEquals(r.projectKey(), a.getSource().getProjectKey());
            assertEquals(r.isPrivate() ? Visibility.PRIVATE : Visibility.PUBLIC, a.getVisibility());
            assertEquals(r.description() == null || r.description().isBlank() ? null : r.description(),
                    a.getDescription());
            assertEquals(r.mainbranch(), a.getDefaultBranch());
            assertEquals(r.createdOn().truncatedTo(ChronoUnit.MILLIS), a.getCreatedAt());
            assertEquals(r.updatedOn().truncatedTo(ChronoUnit.MILLIS), a.getUpdatedAt());
            assertEquals("https://bitbucket.org/" + r.fullName(), a.getBrowseUrl());
            assertTrue(a.getCloneUrls().stream().anyMatch(c -> c.getName().equals("https")), r.fullName());
            if (r.language() == null || r.language().isBlank()) {
                assertEquals(List.of(), a.getLanguages(), r.fullName());
            } else {
                // The simulator draws from Bitbucket's own list; each value becomes its Linguist names.
                List<String> linguist = BitbucketLanguages.cloud().linguistNames(r.language())
                        .orElseThrow(() -> new AssertionError(r.language() + " is not one of Bitbucket's values"));
                assertEquals(linguist.isEmpty() ? List.of(r.language()) : linguist,
                        a.getLanguages().stream().map(AssetLanguage::getName).toList(), r.fullName());
                for (AssetLanguage language : a.getLanguages()) {
                    assertEquals(r.language(), language.getRaw());
                    assertEquals(LanguageSource.BITBUCKET, language.getSource());
                    assertEquals(!linguist.isEmpty(), language.getRecognised(), r.fullName());
                }
            }
            assertCatalog(r.files().get(sim.cloud().catalogPath()), a.getAppContext(), r.fullName());
            assertEquals(List.of("sim-cloud"), a.getProfiles());
        }
    }

    @Test
    void everyDataCenterRepositoryBecomesTheAssetTheEstateDescribes() {
        ServerRepo[] expected = sim.server().allRepositories().all();
        assertEquals(16, expected.length);
        for (ServerRepo r : expected) {
            RepositoryAsset a = repositories.get(AssetIds.server(sim.serverBase(), r.id()));
            assertNotNull(a, "asset of " + r.projectKey() + "/" + r.slug());
            assertEquals(r.name(), a.getName());
            assertEquals(r.projectKey() + "/" + r.slug(), a.getFullName());
            assertEquals(r.projectKey(), a.getSource().getProjectKey());
            assertEquals(r.archived(), a.getArchived());
            boolean projectPublic = sim.server().project(r.projectKey()).isPublic();
            assertEquals(r.isPublic() || projectPublic ? Visibility.PUBLIC : Visibility.PRIVATE, a.getVisibility());
            assertEquals(r.defaultBranch(), a.getDefaultBranch());
            assertNotNull(a.getBrowseUrl());
            assertNull(a.getCreatedAt());
        }
    }

    @Test
    void everyUserBecomesAUserAsset() {
        assertEquals(sim.cloud().workspace("acme").members().size() + sim.server().users().size(), users.size());
        for (var member : sim.cloud().workspace("acme").members()) {
            UserAsset u = users.get(AssetIds.cloud(member.uuid()));
            assertNotNull(u, member.nickname());
            assertEquals(member.displayName(), u.getDisplayName());
            assertEquals(List.of("acme"), u.getScopes());
        }
        for (var user : sim.server().users()) {
            UserAsset u = users.get(AssetIds.server(sim.serverBase(), user.id()));
            assertNotNull(u, user.name());
            assertEquals(user.name(), u.getUsername());
            assertEquals(user.emailAddress(), u.getEmail());
        }
    }

    @Test
    void nothingFromTheSimulatorIsDeadLettered() {
        assertTrue(harness.deadLetters.isEmpty());
    }

    /** The app context a catalog text should give, read from the text by plain patterns, not by the parser. */
    private static void assertCatalog(String text, AppContext context, String repo) {
        if (text == null) {
            assertNull(context, repo);
            return;
        }
        assertNotNull(context, repo);
        if (text.contains("[unclosed")) {
            assertNotNull(context.getError(), repo);
            assertNull(context.getCatalogName());
            return;
        }
        assertNull(context.getError(), repo);
        Matcher name = NAME.matcher(text);
        assertTrue(name.find());
        assertEquals(name.group(1), context.getCatalogName(), repo);
        Matcher owner = OWNER.matcher(text);
        assertEquals(owner.find() ? owner.group(1) : null, context.getOwner(), repo);
    }

    private static RawCatalogFileEvent catalogEvent(RawEnvelope envelope, String uuid, String url, String auth)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 404) {
            return Fixtures.catalogStatus(envelope, uuid, CatalogFileStatus.ABSENT);
        }
        assertEquals(200, response.statusCode(), url);
        return Fixtures.catalog(envelope, uuid, response.body(), Map.of());
    }

    private static JsonNode get(String url, String auth) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        JsonNode page = JSON.readTree(response.body());
        // One page is enough for these small estates; make sure of it.
        boolean last = page.has("isLastPage") ? page.get("isLastPage").asBoolean() : !page.has("next");
        assertTrue(last, "expected one page from " + url);
        return page;
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
