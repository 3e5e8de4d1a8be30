package dev.bbinv.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.auth.Credential;
import dev.bbinv.sim.estate.AdminUsers;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;

/** {@code profiles check} against the simulator: every permission a scan needs is proven, or named as missing. */
@Timeout(60)
class ProfileCheckSimulatorIT {
    private static final EstateSpec ESTATE = EstateSpec.builder().cloudWorkspaces(2).cloudRepos(6).serverProjects(2)
            .serverRepos(4).serverUsers(3).seed(31).build();

    private static ProfileChecker.Result check(Profile profile) {
        return ProfileChecker.check(List.of(profile), Duration.ofSeconds(5)).get(0);
    }

    private static Profile server(BitbucketSimulator sim, String user, String password) {
        return Profile.server("dc", URI.create(sim.serverBase()), Credentials.basic(user, Secret.of(password)),
                List.of());
    }

    @Test
    void cloudCheckProvesReadRepositoryWithOneRepositoryPagePerWorkspace() {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(ESTATE)
                .credential(Credential.cloudApiToken("scoped@example.com", "scoped-token")
                        .withScopes("read:user:bitbucket", "read:workspace:bitbucket"))
                .start()) {
            Profile full = Profile.cloud("c", URI.create(sim.cloudApiBase()), Credentials.basic(
                    BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of());
            ProfileChecker.Result ok = check(full);
            assertTrue(ok.connected(), ok.toString());
            assertTrue(ok.detail().contains("repositories listed in 2 of 2 workspace(s)"), ok.toString());
            assertEquals(2, sim.requests().count(r -> r.route().equals("GET /2.0/repositories/{workspace}")
                    && r.query().contains("pagelen=1") && r.status() == 200));

            Profile scoped = Profile.cloud("c", URI.create(sim.cloudApiBase()),
                    Credentials.basic("scoped@example.com", Secret.of("scoped-token")), List.of());
            ProfileChecker.Result refused = check(scoped);
            assertFalse(refused.connected(), refused.toString());
            String workspace = sim.cloud().workspaces().get(0).slug();
            assertTrue(refused.detail().startsWith("read:repository:bitbucket missing: repositories of workspace '"
                    + workspace + "' refused (GET /2.0/repositories/" + workspace + " answered 403"), refused.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ADMINS_ONLY, admin, sim-admin-password, '/rest/api/1.0/admin/users)'",
            "ADMINS_ONLY, reader, sim-reader-password, '/rest/api/1.0/users, because /rest/api/1.0/admin/users answered 401'",
            "NOT_FOUND, admin, sim-admin-password, '/rest/api/1.0/users, because /rest/api/1.0/admin/users answered 404'",
            "METHOD_NOT_ALLOWED, admin, sim-admin-password, '/rest/api/1.0/users, because /rest/api/1.0/admin/users answered 405'"})
    void dataCenterCheckSaysWhichListingUsersWillComeFrom(AdminUsers answer, String user, String password,
            String expected) {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(ESTATE).serverAdminUsers(answer).start()) {
            ProfileChecker.Result result = check(server(sim, user, password));
            assertTrue(result.connected(), result.toString());
            assertTrue(result.toString().contains("Account: Read proven; users will be listed with " + expected),
                    result.toString());
        }
    }

    @Test
    void aServerAppPasswordAsSnykNamesItIsCheckedForAccountReadAndProjectsRead() {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(ESTATE).start()) {
            Profile snyk = ProfilesFile.parse("snyk.yaml", "profiles:\n  - {name: dc, type: server, baseUrl: "
                    + sim.serverBase() + ", auth: {username: reader, appPassword: \"${APP_PASSWORD}\"}}\n",
                    Map.of("APP_PASSWORD", BitbucketSimulator.SERVER_USER_PASSWORD)).get(0);
            ProfileChecker.Result ok = check(snyk);
            assertTrue(ok.connected(), ok.toString());
            assertTrue(ok.detail().contains("Projects: Read proven (repositories listed in 2 of 2 project(s))"),
                    ok.toString());
            assertTrue(ok.detail().contains("Account: Read proven"), ok.toString());

            String project = sim.server().projects().get(1).key();
            sim.inject(Fault.status(401).on("/rest/api/1.0/projects/" + project + "/repos").always());
            sim.inject(Fault.status(401).on("/rest/api/1.0/users").always());
            ProfileChecker.Result missing = check(snyk);
            assertFalse(missing.connected(), missing.toString());
            assertTrue(missing.detail().startsWith("Projects: Read missing on project '" + project + "'"),
                    missing.toString());
            assertTrue(missing.detail().contains("; Account: Read missing: users cannot be listed"), missing.toString());
            assertFalse(missing.toString().contains(BitbucketSimulator.SERVER_USER_PASSWORD));
        }
    }
}
