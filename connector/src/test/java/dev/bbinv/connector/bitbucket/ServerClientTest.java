package dev.bbinv.connector.bitbucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

@org.junit.jupiter.api.Timeout(30)
class ServerClientTest {
    private final MockWebServer server = new MockWebServer();
    private final TestClients.FakeTime time = new TestClients.FakeTime();
    private HttpUrl base;

    @BeforeEach
    void start() throws Exception {
        server.start();
        base = server.url("/");
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertNotNull(request, "no request within 5 s");
        return request;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BitbucketClient client() {
        return TestClients.clients(time, 1000, 3, Duration.ofSeconds(5)).forProfile(TestClients.serverProfile(base));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void pagesByNextPageStartNotStartPlusSize() throws Exception {
        BitbucketClient client = client();
        server.enqueue(json("{\"size\":2,\"limit\":1000,\"start\":0,\"isLastPage\":false,\"nextPageStart\":17,\"values\":[{\"id\":1},{\"id\":2}]}"));
        server.enqueue(json("{\"size\":1,\"limit\":1000,\"start\":17,\"isLastPage\":true,\"values\":[{\"id\":3}]}"));
        Page<ApiObject> first = client.repositories("PLAT", null, null);
        assertEquals("17", first.nextCursor());
        Page<ApiObject> second = client.repositories("PLAT", first.nextCursor(), null);
        assertTrue(second.isLast());
        RecordedRequest one = take();
        assertEquals("/rest/api/1.0/projects/PLAT/repos", one.getUrl().encodedPath());
        assertEquals("0", one.getUrl().queryParameter("start"));
        assertEquals("1000", one.getUrl().queryParameter("limit"));
        assertEquals("17", take().getUrl().queryParameter("start"));
    }

    @Test
    void aPageWithoutNextPageStartEndsTheListingWithItsValuesAndADoubt() {
        server.enqueue(json("{\"isLastPage\":false,\"values\":[{\"id\":1}]}"));
        Page<ApiObject> page = client().repositories("PLAT", null, null);
        assertEquals(1, page.values().size());
        assertTrue(page.isLast());
        assertEquals("page at start 0 says isLastPage false without nextPageStart", page.doubt());
    }

    @Test
    void honoursRetryAfterOn429() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body("{\"errors\":[{\"message\":\"Rate limited\"}]}").build());
        server.enqueue(json("{\"isLastPage\":true,\"values\":[]}"));
        BitbucketClient client = client();
        client.repositories("PLAT", null, null);
        assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps);
        // DC's rate limiter rejected the first before any work: only the second uses the hourly budget.
        assertEquals(2, client.requestCount());
        assertEquals(999, client.requestsLeft());
    }

    @Test
    void fallsBackToUsersWhenAdminUsersIsRefused() throws Exception {
        BitbucketClient client = client();
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"errors\":[{\"message\":\"You are not permitted to access this resource\"}]}").build());
        server.enqueue(json("{\"isLastPage\":false,\"nextPageStart\":5,\"values\":[{\"id\":10,\"name\":\"ann\"}]}"));
        server.enqueue(json("{\"isLastPage\":true,\"values\":[{\"id\":11,\"name\":\"bob\"}]}"));
        Page<ApiObject> first = client.users("*", null);
        assertEquals("users:5", first.nextCursor());
        Page<ApiObject> second = client.users("*", first.nextCursor());
        assertEquals("bob", second.values().get(0).text("name"));
        assertEquals("/rest/api/1.0/admin/users", take().getUrl().encodedPath());
        assertEquals("/rest/api/1.0/users", take().getUrl().encodedPath());
        RecordedRequest third = take();
        assertEquals("/rest/api/1.0/users", third.getUrl().encodedPath());
        assertEquals("5", third.getUrl().queryParameter("start"));
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"errors\":[{\"message\":\"refused\"}]}").build();
    }

    @Test
    void everyRefusalOfAdminUsersFallsBackToUsersAndIsRemembered() throws Exception {
        for (int refusal : new int[] {401, 403, 404, 405}) {
            BitbucketClient client = client();
            server.enqueue(status(refusal));
            server.enqueue(json("{\"isLastPage\":true,\"values\":[{\"id\":10,\"name\":\"ann\"}]}"));
            assertEquals("ann", client.users("*", null).values().get(0).text("name"), "after " + refusal);
            assertEquals("/rest/api/1.0/admin/users", take().getUrl().encodedPath());
            assertEquals("/rest/api/1.0/users", take().getUrl().encodedPath());
            assertTrue(client.userListing().startsWith("/rest/api/1.0/users, because /rest/api/1.0/admin/users answered "
                    + refusal + " ("), client.userListing());

            // The next scan goes straight to /users: the refused request is not paid again.
            server.enqueue(json("{\"isLastPage\":true,\"values\":[]}"));
            client.users("*", null);
            assertEquals("/rest/api/1.0/users", take().getUrl().encodedPath(), "after " + refusal);
        }
    }

    @Test
    void adminUsersIsAskedAgainADayAfterItWasRefused() throws Exception {
        BitbucketClient client = client();
        server.enqueue(status(404));
        server.enqueue(json("{\"isLastPage\":true,\"values\":[]}"));
        client.users("*", null);
        take();
        take();
        time.sleep(Duration.ofHours(23));
        server.enqueue(json("{\"isLastPage\":true,\"values\":[]}"));
        client.users("*", null);
        assertEquals("/rest/api/1.0/users", take().getUrl().encodedPath());
        time.sleep(Duration.ofHours(1));
        server.enqueue(json("{\"isLastPage\":true,\"values\":[{\"id\":1,\"name\":\"ann\"}]}"));
        client.users("*", null);
        assertEquals("/rest/api/1.0/admin/users", take().getUrl().encodedPath());
        assertTrue(client.userListing().startsWith("/rest/api/1.0/admin/users"), client.userListing());
    }

    @Test
    void aCredentialThatUsersRefusesTooIsReportedAsTheCredentialNotAsAFallback() throws Exception {
        BitbucketClient client = client();
        server.enqueue(status(401));
        server.enqueue(status(401));
        BitbucketApiException e = assertThrows(BitbucketApiException.class, () -> client.users("*", null));
        assertEquals(401, e.status());
        assertEquals("/rest/api/1.0/users", e.path());
        assertEquals(null, client.userListing(), "nothing learned about /admin/users");
        take();
        take();
    }

    @Test
    void anErrorThatIsNoRefusalIsNotAFallback() throws Exception {
        server.enqueue(status(400));
        BitbucketApiException e = assertThrows(BitbucketApiException.class, () -> client().users("*", null));
        assertEquals("/rest/api/1.0/admin/users", e.path());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void catalogFileIsReadFromRaw() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("apiVersion: backstage.io/v1alpha1\n").build());
        ApiObject repo = ApiObject.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"id\":5,\"slug\":\"svc\",\"project\":{\"key\":\"PLAT\"},\"defaultBranch\":\"main\"}"));
        CatalogFile file = client().catalogFile(repo, "catalog-info.yaml", 1000);
        assertEquals(CatalogFile.Status.FOUND, file.status());
        assertEquals("/rest/api/1.0/projects/PLAT/repos/svc/raw/catalog-info.yaml",
                take().getUrl().encodedPath());
    }

    @Test
    void personalProjectsAreListedOnlyWhenAskedFor() throws Exception {
        server.enqueue(json("{\"isLastPage\":true,\"values\":[{\"key\":\"PLAT\",\"type\":\"NORMAL\"}]}"));
        assertEquals(List.of("PLAT"), client().visibleScopes());
        server.enqueue(json("{\"isLastPage\":true,\"values\":[{\"key\":\"PLAT\",\"type\":\"NORMAL\"}]}"));
        server.enqueue(json("{\"isLastPage\":true,\"values\":[{\"id\":1,\"project\":{\"key\":\"~ANN\",\"type\":\"PERSONAL\"}},"
                + "{\"id\":2,\"project\":{\"key\":\"PLAT\",\"type\":\"NORMAL\"}}]}"));
        BitbucketClient personal = TestClients.clients(time, 1000, 3, Duration.ofSeconds(5))
                .forProfile(TestClients.serverProfile(base).withPersonalProjects(true));
        assertEquals(List.of("PLAT", "~ANN"), personal.visibleScopes());
        take();
        take();
        RecordedRequest repos = take();
        assertEquals("/rest/api/1.0/repos", repos.getUrl().encodedPath());
        assertEquals("ALL", repos.getUrl().queryParameter("archived"));
    }
}
