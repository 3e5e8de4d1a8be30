package dev.bbinv.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every kind of mistake in a profiles file is reported as one problem naming the profile, the key and the fix. */
class ProfilesFileProblemsTest {
    private static final Map<String, String> ENV = Map.of("TOKEN", "tok");
    private static final String CLOUD_AUTH = "auth: {email: ops@acme.com, apiToken: t}";
    private static final String DC_AUTH = "auth: {username: svc, password: p}";

    private static List<String> problems(String yaml) {
        return assertThrows(ProfilesFileException.class, () -> ProfilesFile.parse("p.yaml", yaml, ENV)).problems();
    }

    /** One profile with these lines, expected to fail with exactly one problem starting with {@code expected}. */
    private static void assertProblem(String expected, String... lines) {
        List<String> problems = problems("profiles:\n  - name: a\n" + String.join("\n", lines).indent(4));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(expected), "expected '" + expected + "...', got " + problems.get(0));
    }

    /** As {@link #assertProblem}, for a value whose problem also leaves its credentials missing (a second problem). */
    private static void assertFirstProblem(String expected, String... lines) {
        List<String> problems = problems("profiles:\n  - name: a\n" + String.join("\n", lines).indent(4));
        assertTrue(problems.get(0).startsWith(expected), "expected '" + expected + "...', got " + problems);
    }

    private static Profile parseOne(String... lines) {
        List<Profile> profiles = ProfilesFile.parse("p.yaml", "profiles:\n  - name: a\n"
                + String.join("\n", lines).indent(4), ENV);
        assertEquals(1, profiles.size());
        return profiles.get(0);
    }

    @Test
    void typeAndBaseUrl() {
        assertProblem("profile 'a': key 'type' is missing (allowed: cloud, server)", CLOUD_AUTH);
        assertProblem("profile 'a': key 'type': unknown service type 'github' (allowed: cloud, server)", "type: github",
                CLOUD_AUTH);
        assertProblem("profile 'a': key 'includePersonalProjects': only applies to type server", "type: cloud",
                "includePersonalProjects: true", CLOUD_AUTH);
        assertProblem("profile 'a': key 'baseUrl' is required for type server (e.g. https://bitbucket.example.com)",
                "type: server", DC_AUTH);
        assertProblem("profile 'a': key 'baseUrl': 'ftp://h/x' is not an absolute http(s) URL", "type: server",
                "baseUrl: ftp://h/x", DC_AUTH);
        assertProblem("profile 'a': key 'baseUrl': 'h...' must not carry a query, fragment or user info",
                "type: server", "baseUrl: https://h/x?q=1", DC_AUTH);
        assertProblem("profile 'a': key 'baseUrl': 'https://h/ x' is not a URL: ", "type: server",
                "baseUrl: https://h/ x", DC_AUTH);
        assertEquals(Profile.CLOUD_DEFAULT_BASE_URL, parseOne("type: cloud", CLOUD_AUTH).baseUrl());
        assertTrue(parseOne("type: server", "baseUrl: https://h", "includePersonalProjects: true", DC_AUTH)
                .includePersonalProjects());
    }

    @Test
    void cloudCredentials() {
        assertProblem("profile 'a': key 'auth' is missing: no credentials (auth.email + auth.apiToken, or "
                + "auth.bearerToken)", "type: cloud");
        assertProblem("profile 'a': key 'auth': expected a mapping", "type: cloud", "auth: secret");
        assertProblem("profile 'a': unknown key 'auth.foo' (allowed: ", "type: cloud",
                "auth: {email: ops@acme.com, apiToken: t, foo: 1}");
        assertProblem("profile 'a': key 'auth.username': Bitbucket Cloud API tokens authenticate with the Atlassian "
                + "account email", "type: cloud", "auth: {username: ops}");
        assertProblem("profile 'a': key 'auth.token': ", "type: cloud", "auth: {token: t}");
        assertProblem("profile 'a': key 'auth.password': ", "type: cloud", "auth: {password: p}");
        assertProblem("profile 'a': key 'auth.bearerToken': set either auth.bearerToken or auth.email + "
                + "auth.apiToken, not both", "type: cloud", "auth: {bearerToken: b, email: ops@acme.com}");
        assertProblem("profile 'a': key 'auth.apiToken' is missing: no credentials", "type: cloud",
                "auth: {email: ops@acme.com}");
        assertProblem("profile 'a': key 'auth.email' is missing: no credentials", "type: cloud",
                "auth: {apiToken: t}");
        for (String notAnEmail : List.of("ops", "'@acme.com'", "ops@", "a@b@c")) {
            assertProblem("profile 'a': key 'auth.email': '" + notAnEmail.replace("'", "") + "' is not an email",
                    "type: cloud", "auth: {email: " + notAnEmail + ", apiToken: t}");
        }
        assertEquals(Credentials.basic("a@b", Secret.of("tok")),
                parseOne("type: cloud", "auth: {email: a@b, apiToken: '${TOKEN}'}").credentials());
        assertEquals(Credentials.bearer(Secret.of("b")),
                parseOne("type: cloud", "auth: {bearerToken: b}").credentials());
        assertEquals(List.of("profile 'a': key 'auth.email': expected a single value", "profile 'a': key 'auth.email' "
                + "is missing: no credentials (auth.email + auth.apiToken, or auth.bearerToken)"),
                problems("profiles:\n  - {name: a, type: cloud, auth: {email: [a], apiToken: t}}\n"));
        assertFirstProblem("profile 'a': key 'auth.apiToken': is empty", "type: cloud",
                "auth: {email: ops@acme.com, apiToken: ''}");
        assertFirstProblem("profile 'a': key 'auth.apiToken': refers to ${MISSING}, which is not set in the environment",
                "type: cloud", "auth: {email: ops@acme.com, apiToken: '${MISSING}'}");
    }

    @Test
    void dataCenterCredentials() {
        String dc = "type: server\nbaseUrl: https://h";
        assertProblem("profile 'a': key 'auth' is missing: no credentials (auth.username + auth.password or "
                + "auth.token, or auth.bearerToken)", dc);
        assertProblem("profile 'a': key 'auth.email': Bitbucket Data Center authenticates with a username", dc,
                "auth: {email: a@b.c, password: p}");
        assertProblem("profile 'a': key 'auth.apiToken': is a Cloud key", dc, "auth: {apiToken: t}");
        assertProblem("profile 'a': key 'auth.bearerToken': set either auth.bearerToken or auth.username", dc,
                "auth: {bearerToken: b, username: u}");
        assertProblem("profile 'a': key 'auth.bearerToken': ", dc, "auth: {bearerToken: b, password: p}");
        assertProblem("profile 'a': key 'auth.bearerToken': ", dc, "auth: {bearerToken: b, token: t}");
        assertProblem("profile 'a': key 'auth.password' is missing: no credentials", dc, "auth: {username: u}");
        assertProblem("profile 'a': key 'auth.username' is missing: no credentials", dc, "auth: {password: p}");
        assertProblem("profile 'a': key 'auth.username' is missing: no credentials", dc, "auth: {token: t}");
        assertProblem("profile 'a': key 'auth.token': set either auth.password or auth.token, not both", dc,
                "auth: {username: u, password: p, token: t}");
        assertProblem("profile 'a': key 'auth.username': 'u@h.io' looks like an email", dc,
                "auth: {username: u@h.io, password: p}");
        assertEquals(Credentials.bearer(Secret.of("b")), parseOne(dc, "auth: {bearerToken: b}").credentials());
        assertEquals(Credentials.basic("u", Secret.of("t")), parseOne(dc, "auth: {username: u, token: t}").credentials());
        assertEquals(Credentials.basic("u", Secret.of("p")), parseOne(dc, "auth: {username: u, password: p}")
                .credentials());
    }

    @Test
    void scopesCatalogAndSchedule() {
        assertProblem("profile 'a': key 'projects': does not apply to type cloud; use 'workspaces'", "type: cloud",
                CLOUD_AUTH, "projects: [P]");
        assertProblem("profile 'a': key 'workspaces': expected a list", "type: cloud", CLOUD_AUTH, "workspaces: acme");
        assertProblem("profile 'a': key 'workspaces': expected non-empty names, got ''", "type: cloud", CLOUD_AUTH,
                "workspaces: ['']");
        assertEquals(List.of("x", "y"), parseOne("type: cloud", CLOUD_AUTH, "workspaces: [x, y]").scopes());
        assertProblem("profile 'a': key 'catalog': expected a mapping", "type: cloud", CLOUD_AUTH, "catalog: true");
        assertProblem("profile 'a': unknown key 'catalog.bogus' (allowed: attributeKeys, enabled, file)",
                "type: cloud", CLOUD_AUTH, "catalog: {bogus: 1}");
        assertProblem("profile 'a': key 'catalog.file': '../x' must be a relative path inside the repository",
                "type: cloud", CLOUD_AUTH, "catalog: {file: ../x}");
        assertProblem("profile 'a': key 'catalog.file': '/x' must be a relative path", "type: cloud", CLOUD_AUTH,
                "catalog: {file: /x}");
        assertProblem("profile 'a': key 'catalog.file': ' ' must be a relative path", "type: cloud", CLOUD_AUTH,
                "catalog: {file: ' '}");
        assertProblem("profile 'a': key 'catalog.attributeKeys': expected a mapping", "type: cloud", CLOUD_AUTH,
                "catalog: {attributeKeys: 5}");
        assertProblem("profile 'a': unknown key 'catalog.attributeKeys.bogus' (allowed: ", "type: cloud", CLOUD_AUTH,
                "catalog: {attributeKeys: {bogus: x}}");
        assertProblem("profile 'a': key 'catalog.enabled': 'maybe' must be true or false", "type: cloud", CLOUD_AUTH,
                "catalog: {enabled: maybe}");
        assertEquals(new CatalogSettings(false, "c.yaml", Map.of()), parseOne("type: cloud", CLOUD_AUTH,
                "catalog: {enabled: 'FALSE', file: ' c.yaml '}").catalog());
        assertEquals(new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, Map.of("owner", "spec.team")),
                parseOne("type: cloud", CLOUD_AUTH, "catalog: {enabled: 'True', attributeKeys: {owner: spec.team}}")
                        .catalog());
        assertEquals(CatalogSettings.disabled(), parseOne("type: cloud", CLOUD_AUTH).catalog());
        assertProblem("profile 'a': key 'schedule': expected a mapping", "type: cloud", CLOUD_AUTH, "schedule: 5");
        assertProblem("profile 'a': unknown key 'schedule.bogus' (allowed: fullScanIntervalMs, pollIntervalMs)",
                "type: cloud", CLOUD_AUTH, "schedule: {bogus: 1}");
        assertProblem("profile 'a': key 'schedule.pollIntervalMs': '99' must be a whole number of milliseconds, at "
                + "least 100", "type: cloud", CLOUD_AUTH, "schedule: {pollIntervalMs: 99}");
        Profile scheduled = parseOne("type: cloud", CLOUD_AUTH, "schedule: {pollIntervalMs: 100, fullScanIntervalMs: 5000}");
        assertEquals(Duration.ofMillis(100), scheduled.pollInterval());
        assertEquals(Duration.ofMillis(5000), scheduled.fullScanInterval());
    }

    @Test
    void theFileAsAWhole() {
        assertEquals(List.of("unknown top-level key 'extra' (allowed: profiles)"),
                problems("extra: 1\nprofiles:\n  - {name: a, type: cloud, " + CLOUD_AUTH + "}\n"));
        List<String> duplicateKeys = problems("profiles:\n  - name: a\n    name: b\n");
        assertEquals(1, duplicateKeys.size());
        assertTrue(duplicateKeys.get(0).startsWith("not valid YAML: "), duplicateKeys.toString());
        assertTrue(!duplicateKeys.get(0).contains("\n"), "one line: " + duplicateKeys);
        List<String> bomb = problems("a: &a [x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n"
                + "d: [*c, *c, *c, *c]\nprofiles: []\n");
        assertTrue(bomb.get(0).startsWith("not valid YAML: Number of aliases for non-scalar nodes exceeds"), bomb.toString());
        assertEquals(List.of("profile #1: expected a mapping of keys"), problems("profiles:\n  - just-a-name\n"));
    }
}
