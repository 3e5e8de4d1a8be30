package dev.bbinv.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.io.TempDir;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.HttpSettings;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

@Timeout(30)
class ProfileCheckerTest {
    private static final String TOKEN = "check-SECRET-token";
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private Profile cloud(URI base) {
        return Profile.cloud("acme-cloud", base, Credentials.basic("ops@acme.com", Secret.of(TOKEN)), List.of());
    }

    private static List<ProfileChecker.Result> check(Profile profile) {
        return ProfileChecker.check(List.of(profile), Duration.ofSeconds(3));
    }

    @Test
    void cloudProfileIsConnectedAfterUserAndWorkspacesCalls() throws Exception {
        server.enqueue(json(200, "{\"type\":\"user\",\"display_name\":\"Ops Bot\",\"uuid\":\"{u}\"}"));
        server.enqueue(json(200, "{\"size\":2,\"values\":[{\"workspace\":{\"slug\":\"a\"}},{\"workspace\":{\"slug\":\"b\"}}]}"));
        server.enqueue(json(200, "{\"size\":5,\"values\":[{\"uuid\":\"{r}\"}]}"));
        server.enqueue(json(200, "{\"size\":0,\"values\":[]}"));
        ProfileChecker.Result result = check(cloud(server.url("/2.0").uri())).get(0);
        assertEquals("acme-cloud: Connected (as Ops Bot, 2 workspace(s) visible, repositories listed in 2 of 2"
                + " workspace(s): read:user:bitbucket, read:workspace:bitbucket and read:repository:bitbucket proven)",
                result.toString());
        assertEquals("/2.0/user", server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
        assertEquals("/2.0/user/workspaces", server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
        mockwebserver3.RecordedRequest repositories = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/2.0/repositories/a", repositories.getUrl().encodedPath());
        assertEquals("1", repositories.getUrl().queryParameter("pagelen"));
        assertEquals("/2.0/repositories/b", server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
    }

    @Test
    void unauthorizedSaysCredentialsWithoutShowingThem() {
        server.enqueue(json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Invalid credentials\"}}"));
        ProfileChecker.Result result = check(cloud(server.url("/2.0").uri())).get(0);
        assertFalse(result.connected());
        assertTrue(result.toString().startsWith("acme-cloud: Connection failed: 401: credentials rejected"), result.toString());
        assertFalse(result.toString().contains(TOKEN));
    }

    @Test
    void forbiddenNamesTheMissingScope() {
        server.enqueue(json(200, "{\"display_name\":\"Ops Bot\"}"));
        server.enqueue(json(403, "{\"type\":\"error\",\"error\":{\"message\":\"Your credentials lack one or more required privilege scopes.\","
                + "\"detail\":{\"required\":[\"read:workspace:bitbucket\"]}}}"));
        String line = check(cloud(server.url("/2.0").uri())).get(0).toString();
        assertTrue(line.contains("403: missing scope or permission for GET /2.0/user/workspaces"), line);
        assertTrue(line.contains("read:workspace:bitbucket"), line);
    }

    @Test
    void unreachableHostIsReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String line = check(cloud(URI.create("http://127.0.0.1:" + closedPort + "/2.0"))).get(0).toString();
        assertTrue(line.startsWith("acme-cloud: Connection failed: unreachable host 127.0.0.1"), line);
    }

    /** A self-signed server key and a trust store holding its certificate, made with the JDK's keytool. */
    private static Path[] selfSignedStores(Path dir) throws Exception {
        Path server = dir.resolve("server.p12");
        Path trust = dir.resolve("trust.p12");
        run("keytool", "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", "changeit", "-keypass", "changeit");
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(server)) {
            serverStore.load(in, "changeit".toCharArray());
        }
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("bitbucket-ca", serverStore.getCertificate("server"));
        try (var out = Files.newOutputStream(trust)) {
            trustStore.store(out, "trustpass".toCharArray());
        }
        return new Path[] {server, trust};
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, output);
    }

    private static SSLContext serverTls(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    @Test
    void anUntrustedCertificateIsATlsFailureAndTheConfiguredTrustStoreFixesIt(@TempDir Path dir) throws Exception {
        Path[] stores = selfSignedStores(dir);
        server.useHttps(serverTls(stores[0]).getSocketFactory());
        Profile profile = cloud(server.url("/2.0").uri());
        String failed = check(profile).get(0).toString();
        assertTrue(failed.startsWith("acme-cloud: Connection failed: TLS: "), failed);

        server.enqueue(json(200, "{\"display_name\":\"Ops Bot\"}"));
        server.enqueue(json(200, "{\"size\":1,\"values\":[{\"workspace\":{\"slug\":\"a\"}}]}"));
        server.enqueue(json(200, "{\"size\":0,\"values\":[]}"));
        HttpSettings trusting = new HttpSettings(Duration.ofSeconds(3), null, stores[1], Secret.of("trustpass"), "PKCS12");
        assertEquals("acme-cloud: Connected (as Ops Bot, 1 workspace(s) visible, repositories listed in 1 of 1"
                + " workspace(s): read:user:bitbucket, read:workspace:bitbucket and read:repository:bitbucket proven)",
                ProfileChecker.check(List.of(profile), trusting).get(0).toString());
    }

    @Test
    void dataCenterProfileChecksApplicationPropertiesAndOnePageOfProjects() throws Exception {
        server.enqueue(json(200, "{\"version\":\"9.2.0\",\"displayName\":\"Bitbucket\"}"));
        server.enqueue(json(200, "{\"isLastPage\":false,\"nextPageStart\":25,\"values\":[{\"key\":\"A\"},{\"key\":\"B\"}]}"));
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[]}"));
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[]}"));
        server.enqueue(json(200, "{\"isLastPage\":false,\"nextPageStart\":1,\"values\":[{\"id\":1}]}"));
        Profile dc = Profile.server("acme-dc", server.url("/").uri(), Credentials.bearer(Secret.of(TOKEN)), List.of());
        assertEquals("acme-dc: Connected (Bitbucket 9.2.0, 2+ project(s) visible; Projects: Read proven (repositories"
                + " listed in 2 of 2 project(s)); Account: Read proven; users will be listed with"
                + " /rest/api/1.0/admin/users)", check(dc).get(0).toString());
        assertEquals("/rest/api/1.0/application-properties", server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
        assertEquals("Bearer " + TOKEN, server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    }

    @Test
    void dataCenterRefusalsAreWordedInSnyksPermissionNames() {
        Profile dc = Profile.server("acme-dc", URI.create("https://bb.acme.com"),
                Credentials.basic("svc", Secret.of(TOKEN)), List.of());
        assertEquals("403: missing scope or permission for GET /rest/api/1.0/projects; the user or token needs"
                + " PROJECT_READ/REPO_READ (Snyk's \"Projects: Read\")", ProfileChecker.reason(dc,
                        new dev.bbinv.connector.bitbucket.BitbucketApiException("GET", "/rest/api/1.0/projects", 403,
                                null, null)));
        assertEquals("401: credentials rejected; check the username and its password, token or app password",
                ProfileChecker.reason(dc, new dev.bbinv.connector.bitbucket.BitbucketApiException("GET",
                        "/rest/api/1.0/projects", 401, null, null)));
    }
}
