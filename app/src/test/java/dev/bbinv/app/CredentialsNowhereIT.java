package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bbinv.app.status.OpsService;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;

/**
 * Every kind of credential (Cloud API token and access token, Data Center password and HTTP access token, and a
 * wrong one of each dialect that fails with 401) against a real pipeline: neither the secret nor the exact
 * {@code Authorization} value sent with it is in a log line, a topic, the database, {@code /status},
 * {@code /metrics}, {@code bbinv status} or a profile's failure reason.
 */
class CredentialsNowhereIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noCredentialOfAnyKindLeavesTheConnector() throws Exception {
        String wrongPassword = "wrong-password-" + UUID.randomUUID();
        String wrongBearer = "wrong-bearer-" + UUID.randomUUID();
        // "reader:" is 7 characters, so the Base64 of the password alone is not inside its Basic header
        SecretWatch watch = SecretWatch.start(List.of(
                        SecretWatch.basic(BitbucketSimulator.CLOUD_EMAIL, BitbucketSimulator.CLOUD_API_TOKEN),
                        SecretWatch.bearer(BitbucketSimulator.CLOUD_ACCESS_TOKEN),
                        SecretWatch.basic(BitbucketSimulator.SERVER_USER, BitbucketSimulator.SERVER_USER_PASSWORD),
                        SecretWatch.bearer(BitbucketSimulator.SERVER_HTTP_TOKEN),
                        SecretWatch.basic(BitbucketSimulator.SERVER_USER, wrongPassword),
                        SecretWatch.bearer(wrongBearer)),
                BitbucketSimulator.CLOUD_API_TOKEN, BitbucketSimulator.CLOUD_ACCESS_TOKEN,
                BitbucketSimulator.SERVER_USER_PASSWORD, BitbucketSimulator.SERVER_HTTP_TOKEN, wrongPassword, wrongBearer);
        EstateSpec estate = EstateSpec.builder().seed(17).cloudWorkspaces(1).cloudRepos(12).serverProjects(1)
                .serverRepos(12).serverUsers(3).catalogShare(0).build();
        Path dir = Files.createTempDirectory("credentials");
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 3);
             BitbucketSimulator sim = BitbucketSimulator.builder().estate(estate).start()) {
            URI cloud = URI.create(sim.cloudApiBase());
            URI server = URI.create(sim.serverBase());
            List<Profile> profiles = List.of(
                    Profile.cloud("cloud-token", cloud, Credentials.basic(BitbucketSimulator.CLOUD_EMAIL,
                            Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of()),
                    Profile.cloud("cloud-access", cloud, Credentials.bearer(
                            Secret.of(BitbucketSimulator.CLOUD_ACCESS_TOKEN)), List.of()),
                    Profile.server("dc-password", server, Credentials.basic(BitbucketSimulator.SERVER_USER,
                            Secret.of(BitbucketSimulator.SERVER_USER_PASSWORD)), List.of()),
                    Profile.server("dc-token", server, Credentials.bearer(
                            Secret.of(BitbucketSimulator.SERVER_HTTP_TOKEN)), List.of()),
                    Profile.server("dc-wrong", server, Credentials.basic(BitbucketSimulator.SERVER_USER,
                            Secret.of(wrongPassword)), List.of()),
                    Profile.cloud("cloud-wrong", cloud, Credentials.bearer(Secret.of(wrongBearer)), List.of()));
            Map<String, Object> settings = new HashMap<>();
            settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
            settings.put(Settings.REGISTRY, stack.registryUrl());
            settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dir.resolve("inventory.db"));
            settings.put("state.dir", dir.resolve("streams").toString());
            settings.put("application.id", "cred-" + UUID.randomUUID());
            settings.put("sink.group.id", "cred-sink-" + UUID.randomUUID());
            settings.put("transactional.id", "cred-connector-" + UUID.randomUUID());
            settings.put("api.port", 0);
            settings.put("ops.http.port", 0);
            settings.put("commit.interval.ms", 100);
            settings.put("retry.max.attempts", "2");

            try (Pipeline pipeline = Pipeline.start(settings, profiles);
                 OpsService ops = OpsService.start(settings, new OpsService.Roles(pipeline.connector(), profiles,
                         pipeline.enricher(), pipeline.sink()))) {
                List<ProfileSync> syncs = SyncWaiter.awaitFirstSyncInDatabase(pipeline,
                        PipelineSettings.adminProperties(settings), settings.get("sink.group.id").toString(),
                        Duration.ofMinutes(3));
                String status = get(ops.uri().resolve("/status"));
                assertTrue(status.contains("\"dc-wrong\"") && status.contains("401"), status);
                assertTrue(status.contains("\"cloud-wrong\""), status);
                watch.assertAbsentFrom(status, "/status");
                String metrics = get(ops.uri().resolve("/metrics"));
                assertTrue(metrics.contains("profile=\"dc-token\""), "the metrics name every profile");
                watch.assertAbsentFrom(metrics, "/metrics");
                for (ProfileSync sync : syncs) {
                    watch.assertAbsentFrom(sync.toString(), "the first sync of " + sync.profile());
                }
                assertTrue(syncs.stream().anyMatch(s -> s.profile().equals("dc-wrong") && s.reason() != null
                        && s.reason().contains("401")), syncs.toString());
                CliRun cli = CliRun.of("status", "--json", "--data-dir", dir.toString(), "--url", ops.uri().toString());
                assertTrue(cli.out().contains("dc-password"), cli.out());
                watch.assertAbsentFrom(cli.out(), "bbinv status --json");
            }
            watch.assertAbsentFromLogs();
            watch.assertAbsentFromTopics(stack.bootstrapServers());
            watch.assertAbsentFromDatabase(dir);
        }
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
