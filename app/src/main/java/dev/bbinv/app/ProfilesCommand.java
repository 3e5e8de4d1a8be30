package dev.bbinv.app;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.ops.OpsConfig;
import dev.bbinv.connector.ProfileChecker;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bbinv profiles check FILE}: validates a profiles file and proves each profile's access with the cheapest
 * calls; {@code pause|resume|sync|forget NAME} act on a profile of the running process through its ops endpoint.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "Works with profiles files.",
        subcommands = {ProfilesCommand.Check.class, ProfilesCommand.Pause.class, ProfilesCommand.Resume.class,
                ProfilesCommand.Sync.class, ProfilesCommand.Forget.class})
final class ProfilesCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates FILE, then reports each profile as Connected or Connection failed with the reason.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            List<Profile> profiles = ProfilesFile.load(file);
            List<ProfileChecker.Result> results = ProfileChecker.check(profiles, Duration.ofSeconds(20));
            results.forEach(r -> System.out.println(r));
            return results.stream().allMatch(ProfileChecker.Result::connected) ? 0 : 1;
        }
    }

    /**
     * One action on a profile of the running bbinv process: {@code POST /profiles/NAME/ACTION} on its ops endpoint,
     * with {@code ops.http.token}, else {@code api.token} ({@code BBINV_*} or {@code --set}), as bearer token when set.
     */
    abstract static class Action implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name.")
        String name;

        @Option(names = "--url", paramLabel = "URL", description = "Metrics and status endpoint of the running bbinv process (default: the one written to the data folder by demo/run).")
        URI url;

        @Mixin
        CommonOptions common;

        abstract String action();

        @Override
        public Integer call() throws Exception {
            Map<String, String> local = LocalEndpoints.read(common.dataDir);
            URI ops = url != null ? url : local.containsKey(StatusCommand.OPS_URL_KEY)
                    ? URI.create(local.get(StatusCommand.OPS_URL_KEY)) : null;
            if (ops == null) {
                System.err.println("bbinv: no running bbinv process found in " + common.dataDir
                        + "; give its metrics and status endpoint with --url");
                return 1;
            }
            Map<String, Object> settings = Settings.merge(Map.of(), System.getenv(), common.sets);
            String token = new OpsConfig(settings).httpToken(); // the endpoint's own choice of token

            HttpRequest.Builder request = HttpRequest.newBuilder(ops.resolve("/profiles/"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/" + action()))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            if (response.statusCode() == 200) {
                System.out.println(name + ": " + body.path("result").asText());
                return 0;
            }
            System.err.println("bbinv: " + name + ": " + body.path("error").asText(response.body())
                    + " (HTTP " + response.statusCode() + ")");
            return 1;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses profile NAME of the running process after its scan under way.")
    static final class Pause extends Action {
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused profile NAME.")
    static final class Resume extends Action {
        String action() {
            return "resume";
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Starts a scan of profile NAME now (and resumes it if paused).")
    static final class Sync extends Action {
        String action() {
            return "sync";
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Marks the assets of profile NAME, gone from the profiles file, removed now instead of after profile.removal.grace.ms.")
    static final class Forget extends Action {
        String action() {
            return "forget";
        }
    }
}
