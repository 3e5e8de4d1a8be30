package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.app.status.OpsService;
import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.ops.StatusText;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.Await;

/**
 * {@code bbinv profiles pause|resume|sync|forget} against a running connector's ops endpoint, behind the API token,
 * and what {@code /status} then says: real broker, real simulator, real HTTP.
 */
@Timeout(180)
class ProfileActionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ops-token-" + UUID.randomUUID();
    private static final String LISTING = "GET /2.0/repositories/{workspace}";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pauseResumeSyncAndForgetGoThroughTheOpsEndpointWithTheToken() throws Exception {
        // A broker of its own: other ITs of this JVM expect the shared broker's raw topics to hold only theirs.
        try (EmbeddedStack stack = EmbeddedStack.start(Files.createTempDirectory("actions"), 0, 0, 3);
             BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(5)
                .catalogShare(0).seed(71).build())) {
            Map<String, Object> settings = new HashMap<>();
            settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
            settings.put(Settings.REGISTRY, stack.registryUrl());
            settings.put("transactional.id", "actions-" + UUID.randomUUID());
            settings.put("poll.interval.ms", "3600000");
            settings.put("request.rate.per.second", "1000");
            settings.put("request.rate.burst", "1000");
            settings.put("ops.http.port", 0);
            settings.put("api.token", TOKEN);
            String a = "alpha-" + UUID.randomUUID().toString().substring(0, 6);
            String b = "beta-" + UUID.randomUUID().toString().substring(0, 6);
            List<Profile> profiles = List.of(profile(a, sim), profile(b, sim));
            try (ConnectorRole role = ConnectorRole.start(settings, profiles);
                 OpsService ops = OpsService.start(settings, new OpsService.Roles(role, profiles, null, null))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                URI url = ops.uri();
                assertEquals("2/2", status(url).path("profilesConnected").asText());

                // Without the token the endpoint refuses, and nothing changes
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url.resolve("/profiles/" + a + "/pause"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, anonymous.statusCode());
                assertEquals("Connected", profile(status(url), a).path("state").asText());

                // pause: Paused, 1/2 connected, in /status and in the text `bbinv status` prints
                assertEquals(0, cli("pause", a, url));
                JsonNode paused = status(url);
                assertEquals("Paused", profile(paused, a).path("state").asText(), paused.toPrettyString());
                assertTrue(profile(paused, a).path("paused").asBoolean());
                assertEquals("1/2", paused.path("profilesConnected").asText());
                assertTrue(StatusText.render(paused).startsWith("Profiles (1/2 profiles connected)\n"),
                        StatusText.render(paused));

                // sync: the other profile lists its repositories again now, not in an hour
                long listings = sim.requests().count(r -> r.route().equals(LISTING));
                assertEquals(0, cli("sync", b, url));
                Await.until(Duration.ofSeconds(30), "a new listing after sync",
                        () -> sim.requests().count(r -> r.route().equals(LISTING)) > listings);

                // resume: Connected again
                assertEquals(0, cli("resume", a, url));
                assertEquals("Connected", profile(status(url), a).path("state").asText());
                assertEquals("2/2", status(url).path("profilesConnected").asText());

                // An unknown profile, and forgetting one still in the file, are refused
                assertEquals(1, cli("pause", "no-such-profile", url));
                assertEquals(1, cli("forget", a, url));
                assertEquals("Connected", profile(status(url), a).path("state").asText());
            }
        }
    }

    private static Profile profile(String name, BitbucketSimulator sim) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()),
                Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                List.of());
    }

    private static int cli(String action, String name, URI url) {
        return Main.commandLine().execute("profiles", action, name, "--url", url.toString(),
                "--set", "api.token=" + TOKEN);
    }

    private JsonNode status(URI url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/status"))
                        .header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode profile(JsonNode status, String name) {
        for (JsonNode p : status.path("profiles")) {
            if (name.equals(p.path("profile").asText())) {
                return p;
            }
        }
        throw new AssertionError("no profile " + name + " in " + status.toPrettyString());
    }
}
