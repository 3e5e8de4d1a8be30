package dev.bbinv.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bbinv demo}: the whole pipeline on the embedded stack against a simulated Bitbucket estate, a Cloud
 * workspace set and a Data Center instance, served over real HTTP by the simulator.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline on the embedded stack against a simulated Bitbucket Cloud and Data Center estate.")
final class DemoCommand implements Callable<Integer> {
    static final int SIMULATOR_PORT = 7990;
    static final String TOKEN_VARIABLE = "BBINV_DEMO_CLOUD_API_TOKEN";
    static final String PASSWORD_VARIABLE = "BBINV_DEMO_SERVER_PASSWORD";
    /** The enricher's policy file setting; the demo passes its own rules (class A for production, a tag, a label). */
    static final String POLICIES_FILE = "policies.file";

    @Mixin
    OnceOptions once;

    @Option(names = "--cloud-repos", defaultValue = "180", description = "Repositories in the simulated Cloud workspaces (default: ${DEFAULT-VALUE}).")
    int cloudRepos;

    @Option(names = "--server-repos", defaultValue = "60", description = "Repositories in the simulated Data Center instance (default: ${DEFAULT-VALUE}).")
    int serverRepos;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        EstateSpec estate = EstateSpec.builder()
                .cloudWorkspaces(3).cloudRepos(cloudRepos).cloudMembersPerWorkspace(6)
                .serverProjects(4).serverRepos(serverRepos).serverUsers(8)
                .build();
        Files.createDirectories(common.dataDir);
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .port(Ports.preferredOrAny(SIMULATOR_PORT)).estate(estate).start()) {
            Path profilesFile = writeProfiles(common.dataDir, sim);
            Path policiesFile = writePolicies(common.dataDir);
            // The secrets reach the profiles through ${VAR} substitution, as they would in production.
            Map<String, String> env = Map.of(TOKEN_VARIABLE, BitbucketSimulator.CLOUD_API_TOKEN,
                    PASSWORD_VARIABLE, BitbucketSimulator.SERVER_ADMIN_PASSWORD);
            List<Profile> profiles = ProfilesFile.parse(profilesFile.toString(), Files.readString(profilesFile), env);
            // The simulator has no rate limit unless asked: the demo need not pace itself (--set overrides).
            Map<String, Object> settings = Settings.merge(Map.of("request.rate.per.second", "1000",
                    "request.rate.burst", "1000", POLICIES_FILE, policiesFile.toString()), System.getenv(), common.sets);
            String description = "the simulator at " + sim.cloudApiBase() + " (" + cloudRepos + " Cloud and "
                    + serverRepos + " Data Center repositories)";
            return PipelineRunner.run(common, settings, profiles, profilesFile, env, once, description);
        }
    }

    /** The demo's policy rules, copied from the classpath where a person can read and edit them as an example. */
    static Path writePolicies(Path dataDir) throws IOException {
        try (var in = DemoCommand.class.getResourceAsStream("/demo/policies.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the demo's policies.yaml is missing from the classpath");
            }
            Path file = dataDir.resolve("demo-policies.yaml");
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    /** The profiles the demo uses, written where a person can read them as an example of the format. */
    static Path writeProfiles(Path dataDir, BitbucketSimulator sim) throws IOException {
        String yaml = """
                # Written by `bbinv demo`: profiles for the simulated estate. Secrets come from the environment.
                profiles:
                  - name: demo-cloud
                    type: cloud
                    baseUrl: %s
                    auth:
                      email: %s
                      apiToken: ${%s}
                    catalog:
                      enabled: true
                  - name: demo-datacenter
                    type: server
                    baseUrl: %s
                    auth:
                      username: %s
                      password: ${%s}
                    catalog:
                      enabled: true
                """.formatted(sim.cloudApiBase(), BitbucketSimulator.CLOUD_EMAIL, TOKEN_VARIABLE,
                sim.serverBase(), BitbucketSimulator.SERVER_ADMIN, PASSWORD_VARIABLE);
        Path file = dataDir.resolve("demo-profiles.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
