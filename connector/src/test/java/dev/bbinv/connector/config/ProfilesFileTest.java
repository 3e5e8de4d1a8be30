package dev.bbinv.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesFileTest {
    private static final Map<String, String> ENV = Map.of("BB_TOKEN", "s3cr3t-token", "DC_PASS", "dc-pass");

    private static List<String> problemsOf(String yaml) {
        ProfilesFileException e = assertThrows(ProfilesFileException.class,
                () -> ProfilesFile.parse("test.yaml", yaml, ENV));
        return e.problems();
    }

    private static void assertOneProblem(String yaml, String expected) {
        List<String> problems = problemsOf(yaml);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(expected, problems.get(0));
    }

    @Test
    void readsCloudAndServerProfilesWithEnvSubstitution() {
        String yaml = """
                profiles:
                  - name: acme-cloud
                    type: cloud
                    auth: {email: ops@acme.com, apiToken: "${BB_TOKEN}"}
                    workspaces: [acme, acme-labs]
                    catalog:
                      file: .backstage/catalog-info.yaml
                      attributeKeys: {owner: metadata.annotations.team}
                    schedule: {pollIntervalMs: 60000, fullScanIntervalMs: 3600000}
                  - name: acme-dc
                    type: server
                    baseUrl: https://bitbucket.acme.com/
                    auth: {username: svc-inventory, password: "${DC_PASS}"}
                    includePersonalProjects: true
                """;
        List<Profile> profiles = ProfilesFile.parse("test.yaml", yaml, ENV);
        assertEquals(2, profiles.size());
        Profile cloud = profiles.get(0);
        assertEquals(ServiceKind.CLOUD, cloud.kind());
        assertEquals(Profile.CLOUD_DEFAULT_BASE_URL, cloud.baseUrl());
        assertEquals(Credentials.Scheme.BASIC, cloud.credentials().scheme());
        assertEquals("ops@acme.com", cloud.credentials().user());
        assertEquals("s3cr3t-token", cloud.credentials().secret().reveal());
        assertEquals(List.of("acme", "acme-labs"), cloud.scopes());
        assertTrue(cloud.catalog().enabled());
        assertEquals(".backstage/catalog-info.yaml", cloud.catalog().fileName());
        assertEquals(Map.of("owner", "metadata.annotations.team"), cloud.catalog().attributeKeys());
        assertEquals(Duration.ofMinutes(1), cloud.pollInterval());
        Profile dc = profiles.get(1);
        assertEquals(ServiceKind.SERVER, dc.kind());
        assertEquals("https://bitbucket.acme.com", dc.baseUrlText());
        assertTrue(dc.includePersonalProjects());
        assertFalse(dc.catalog().enabled());
        assertEquals(List.of(), dc.scopes());
    }

    @Test
    void secretsNeverShowInToString() {
        String yaml = """
                profiles:
                  - {name: a, type: cloud, auth: {email: ops@acme.com, apiToken: "${BB_TOKEN}"}}
                  - {name: b, type: server, baseUrl: "https://dc.acme.com", auth: {bearerToken: "${DC_PASS}"}}
                """;
        String printed = ProfilesFile.parse("test.yaml", yaml, ENV).toString();
        assertFalse(printed.contains("s3cr3t-token"), printed);
        assertFalse(printed.contains("dc-pass"), printed);
        assertTrue(printed.contains("[hidden]"), printed);
    }

    @Test
    void credentialsOverPlainHttpToAnotherHostAreRefusedUnlessAllowedByName() {
        assertOneProblem("profiles:\n  - {name: a, type: server, baseUrl: 'http://dc.acme.com:7990', auth: {bearerToken: x}}\n",
                "profile 'a': key 'baseUrl': 'http://dc.acme.com' would send the credentials unencrypted to another host:"
                        + " use https://, or set allowInsecureHttp: true on the profile if the network is trusted");
        Profile allowed = ProfilesFile.parse("test.yaml", "profiles:\n  - {name: a, type: server, baseUrl: "
                + "'http://dc.acme.com:7990', allowInsecureHttp: true, auth: {bearerToken: x}}\n", ENV).get(0);
        assertEquals(URI.create("http://dc.acme.com:7990"), allowed.baseUrl());
        Profile local = ProfilesFile.parse("test.yaml", "profiles:\n  - {name: a, type: server, baseUrl: "
                + "'http://localhost:7990', auth: {bearerToken: x}}\n", ENV).get(0);
        assertEquals(URI.create("http://localhost:7990"), local.baseUrl(), "this machine is not another host");
    }

    @Test
    void missingNameIsReported() {
        assertOneProblem("profiles:\n  - {type: cloud, auth: {bearerToken: x}}\n", "profile #1: key 'name' is missing");
    }

    @Test
    void duplicateNameIsReported() {
        assertOneProblem("""
                profiles:
                  - {name: a, type: cloud, auth: {bearerToken: x}}
                  - {name: a, type: cloud, auth: {bearerToken: y}}
                """, "profile 'a': key 'name': duplicate of profile #1");
    }

    @Test
    void unknownServiceTypeIsReported() {
        assertOneProblem("profiles:\n  - {name: a, type: gitlab, auth: {bearerToken: x}}\n",
                "profile 'a': key 'type': unknown service type 'gitlab' (allowed: cloud, server)");
    }

    @Test
    void serverWithoutBaseUrlIsReported() {
        assertOneProblem("profiles:\n  - {name: dc, type: server, auth: {bearerToken: x}}\n",
                "profile 'dc': key 'baseUrl' is required for type server (e.g. https://bitbucket.example.com)");
    }

    @Test
    void malformedUrlIsReported() {
        assertOneProblem("profiles:\n  - {name: dc, type: server, baseUrl: 'bitbucket.acme.com', auth: {bearerToken: x}}\n",
                "profile 'dc': key 'baseUrl': 'bitbucket.acme.com' is not an absolute http(s) URL");
    }

    @Test
    void missingCredentialsAreReported() {
        assertOneProblem("profiles:\n  - {name: c, type: cloud}\n",
                "profile 'c': key 'auth' is missing: no credentials (auth.email + auth.apiToken, or auth.bearerToken)");
    }

    @Test
    void cloudAppPasswordIsRejectedWithHowToCreateAnApiToken() {
        List<String> problems = problemsOf(
                "profiles:\n  - {name: c, type: cloud, auth: {username: bob, appPassword: x}}\n");
        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0);
        assertTrue(message.startsWith("profile 'c': key 'auth.appPassword': Bitbucket Cloud app passwords were retired"),
                message);
        assertTrue(message.contains("read:user:bitbucket") && message.contains("read:workspace:bitbucket")
                && message.contains("read:repository:bitbucket") && message.contains("API token"), message);
        // username + password on Cloud is an app password too
        assertTrue(problemsOf("profiles:\n  - {name: c, type: cloud, auth: {username: bob, password: x}}\n")
                .get(0).contains("app passwords were retired"));
    }

    @Test
    void aServerAppPasswordAsSnykCallsItIsTheDataCenterPasswordOrToken() {
        Profile dc = ProfilesFile.parse("test.yaml", "profiles:\n  - {name: d, type: server, baseUrl: https://bb.acme.com,"
                + " auth: {username: svc, appPassword: \"${DC_PASS}\"}}\n", ENV).get(0);
        assertEquals(Credentials.Scheme.BASIC, dc.credentials().scheme());
        assertEquals("svc", dc.credentials().user());
        assertEquals("dc-pass", dc.credentials().secret().reveal());
        assertOneProblem("profiles:\n  - {name: d, type: server, baseUrl: https://bb.acme.com,"
                        + " auth: {username: svc, appPassword: x, password: y}}\n",
                "profile 'd': key 'auth.appPassword': set one of auth.appPassword, auth.password, auth.token or"
                        + " auth.bearerToken, not several");
        assertTrue(problemsOf("profiles:\n  - {name: d, type: server, baseUrl: https://bb.acme.com,"
                + " auth: {appPassword: x}}\n").get(0).startsWith("profile 'd': key 'auth.username' is missing"));
        assertFalse(problemsOf("profiles:\n  - {name: d, type: server, baseUrl: https://bb.acme.com,"
                + " auth: {appPassword: x}}\n").get(0).contains("retired"));
    }

    @Test
    void usernameWhereCloudExpectsEmailIsReported() {
        assertOneProblem("profiles:\n  - {name: c, type: cloud, auth: {email: bob, apiToken: x}}\n",
                "profile 'c': key 'auth.email': 'bob' is not an email; Bitbucket Cloud API tokens authenticate with"
                        + " the Atlassian account email, not the username");
    }

    @Test
    void emailWhereServerExpectsUsernameIsReported() {
        assertOneProblem("profiles:\n  - {name: dc, type: server, baseUrl: 'https://dc', auth: {username: bob@acme.com, password: x}}\n",
                "profile 'dc': key 'auth.username': 'bob@acme.com' looks like an email; Bitbucket Data Center"
                        + " expects the username");
    }

    @Test
    void unsetEnvironmentVariableNamesKeyAndVariableButNoValue() {
        List<String> problems = problemsOf(
                "profiles:\n  - {name: c, type: cloud, auth: {email: a@b.c, apiToken: '${NOPE}'}}\n");
        assertTrue(problems.contains(
                "profile 'c': key 'auth.apiToken': refers to ${NOPE}, which is not set in the environment"),
                problems.toString());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problemsOf("""
                profiles:
                  - {name: a, type: gitlab, auth: {bearerToken: x}}
                  - {name: b, type: cloud, color: blue, auth: {bearerToken: x}}
                """);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(1).startsWith("profile 'b': unknown key 'color'"), problems.toString());
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.yaml");
        Files.writeString(file, "profiles:\n  - {name: c, type: cloud, baseUrl: 'http://127.0.0.1:1/2.0', auth: {bearerToken: t}}\n");
        List<Profile> profiles = ProfilesFile.load(file);
        assertEquals(URI.create("http://127.0.0.1:1/2.0"), profiles.get(0).baseUrl());
        assertEquals(Credentials.Scheme.BEARER, profiles.get(0).credentials().scheme());
    }

    @Test
    void invalidYamlIsAClearError() {
        List<String> problems = problemsOf("profiles: [\n");
        assertTrue(problems.get(0).startsWith("not valid YAML"), problems.toString());
    }
}
