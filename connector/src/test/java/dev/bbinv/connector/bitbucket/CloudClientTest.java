package dev.bbinv.connector.bitbucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

@org.junit.jupiter.api.Timeout(30)
class CloudClientTest {
    private final MockWebServer server = new MockWebServer();
    private final TestClients.FakeTime time = new TestClients.FakeTime();
    private HttpUrl base;

    @BeforeEach
    void start() throws Exception {
        server.start();
        base = server.url("/2.0");
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
        return TestClients.clients(time, 1000, 3, Duration.ofSeconds(5)).forProfile(TestClients.cloudProfile(base));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String repoPage(String next, String... uuids) {
        StringBuilder values = new StringBuilder();
        for (String uuid : uuids) {
            values.append(values.isEmpty() ? "" : ",").append("{\"uuid\":\"").append(uuid)
                    .append("\",\"full_name\":\"acme/").append(uuid).append("\"}");
        }
        return "{\"pagelen\":100,\"values\":[" + values + "]" + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}";
    }

    @Test
    void sendsBasicAuthWithEmailAndApiTokenAndTrimmedFields() throws Exception {
        server.enqueue(json(repoPage(null, "{a}")));
        Page<ApiObject> page = client().repositories("acme", null, null);
        assertEquals(1, page.values().size());
        assertTrue(page.isLast());
        RecordedRequest request = take();
        assertEquals("/2.0/repositories/acme", request.getUrl().encodedPath());
        assertEquals("100", request.getUrl().queryParameter("pagelen"));
        assertTrue(request.getUrl().queryParameter("fields").contains("values.updated_on"));
        assertNull(request.getUrl().queryParameter("q"));
        String expected = "Basic " + Base64.getEncoder().encodeToString(("ops@acme.com:" + TestClients.TOKEN).getBytes());
        assertEquals(expected, request.getHeaders().get("Authorization"));
    }

    @Test
    void sendsBearerForAccessTokens() throws Exception {
        server.enqueue(json(repoPage(null)));
        Profile profile = Profile.cloud("c", base.uri(), Credentials.bearer(Secret.of("wat-1")), List.of());
        TestClients.clients(time, 10, 1, Duration.ofSeconds(5)).forProfile(profile).repositories("acme", null, null);
        assertEquals("Bearer wat-1", take().getHeaders().get("Authorization"));
    }

    @Test
    void followsNextAsAnOpaqueUrlAcrossPages() throws Exception {
        BitbucketClient client = client();
        server.enqueue(json(repoPage(base + "/repositories/acme?page=opaque-2", "{a}", "{b}")));
        server.enqueue(json(repoPage(base + "/repositories/acme?page=opaque-3", "{c}")));
        server.enqueue(json(repoPage(null, "{d}")));
        int total = 0;
        String cursor = null;
        int pages = 0;
        do {
            Page<ApiObject> page = client.repositories("acme", cursor, null);
            total += page.values().size();
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(4, total);
        take();
        assertEquals("opaque-2", take().getUrl().queryParameter("page"));
        assertEquals("opaque-3", take().getUrl().queryParameter("page"));
    }

    @Test
    void refusesANextLinkOnAnotherHostAndNeverSendsItCredentials() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            server.enqueue(json(repoPage(elsewhere.url("/2.0/repositories/acme?page=2").toString(), "{a}")));
            // The page's values still count; the listing ends there, with a doubt that withholds removals.
            Page<ApiObject> page = client().repositories("acme", null, null);
            assertEquals(1, page.values().size());
            assertTrue(page.isLast());
            assertTrue(page.doubt().contains("not the configured API host"), page.doubt());
            assertEquals(0, elsewhere.getRequestCount());
            assertThrows(BitbucketProtocolException.class,
                    () -> client().repositories("acme", elsewhere.url("/x").toString(), null));
            assertEquals(0, elsewhere.getRequestCount());
        }
    }

    @Test
    void refusesANextLinkOnTheSamePortOfAnotherHost() throws Exception {
        // The same server answers under both names, so only the host comparison stands between the link and a request.
        String otherHost = base.host().equals("127.0.0.1") ? "localhost" : "127.0.0.1";
        HttpUrl foreign = base.newBuilder().host(otherHost).addPathSegments("repositories/acme").addQueryParameter("page", "2")
                .build();
        assertEquals(base.port(), foreign.port());
        server.enqueue(json(repoPage(foreign.toString(), "{a}")));
        server.enqueue(json(repoPage(null, "{b}")));
        // The page's values count; the link is not followed and the listing ends there with a doubt.
        Page<ApiObject> page = client().repositories("acme", null, null);
        assertEquals(1, page.values().size());
        assertTrue(page.isLast());
        assertTrue(page.doubt().contains("points to http://" + otherHost + ":" + base.port()
                + ", not the configured API host " + base.host()), page.doubt());
        assertEquals(1, server.getRequestCount());
        assertThrows(BitbucketProtocolException.class, () -> client().repositories("acme", foreign.toString(), null));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void refusesANextLinkWithAnotherSchemeOnTheSameHostAndPort() throws Exception {
        String foreign = "https://" + base.host() + ":" + base.port() + "/2.0/repositories/acme?page=2";
        server.enqueue(json(repoPage(foreign, "{a}")));
        Page<ApiObject> page = client().repositories("acme", null, null);
        assertTrue(page.isLast());
        assertTrue(page.doubt().contains("points to https://" + base.host() + ":" + base.port()
                + ", not the configured API host"), page.doubt());
        assertThrows(BitbucketProtocolException.class, () -> client().repositories("acme", foreign, null));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void incrementalScanAsksOnlyForRepositoriesUpdatedSinceTheWatermarkNewestFirst() throws Exception {
        server.enqueue(json(repoPage(null)));
        client().repositories("acme", null, "2026-11-01T10:00:00.123456+00:00");
        RecordedRequest request = take();
        assertEquals("updated_on>2026-11-01T10:00:00.123456+00:00", request.getUrl().queryParameter("q"));
        assertEquals("-updated_on", request.getUrl().queryParameter("sort"));
        assertTrue(request.getTarget().contains("%2B00%3A00"), request.getTarget());
    }

    @Test
    void retriesAfter429WithoutRetryAfterWithBackoff() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "text/plain")
                .body("Rate limit for this resource has been exceeded").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "text/plain")
                .body("Rate limit for this resource has been exceeded").build());
        server.enqueue(json(repoPage(null, "{a}")));
        BitbucketClient client = client();
        Page<ApiObject> page = client.repositories("acme", null, null);
        assertEquals(1, page.values().size());
        assertEquals(3, server.getRequestCount());
        assertEquals(1000 - 3, client.requestsLeft(), "Cloud's 429 is its hourly limit: every attempt counts");
        assertEquals(2, time.sleeps.size());
        assertTrue(time.sleeps.get(0).toMillis() >= 50 && time.sleeps.get(0).toMillis() <= 100, time.sleeps.toString());
        assertTrue(time.sleeps.get(1).toMillis() >= 100 && time.sleeps.get(1).toMillis() <= 200, time.sleeps.toString());
    }

    @Test
    void givesUpOn5xxAfterTheLastAttempt() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("down").build());
        }
        BitbucketApiException e = assertThrows(BitbucketApiException.class, () -> client().repositories("acme", null, null));
        assertEquals(503, e.status());
        assertEquals(3, server.getRequestCount());
        assertEquals("GET /2.0/repositories/acme answered 503: down", e.getMessage());
    }

    @Test
    void retriesATimeout() {
        server.enqueue(new MockResponse.Builder().code(200).body(repoPage(null, "{slow}"))
                .headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(json(repoPage(null, "{a}")));
        BitbucketClient client = TestClients.clients(time, 100, 3, Duration.ofMillis(300))
                .forProfile(TestClients.cloudProfile(base));
        Page<ApiObject> page = client.repositories("acme", null, null);
        assertEquals("{a}", page.values().get(0).text("uuid"));
        assertEquals(2, client.requestCount());
    }

    @Test
    void unauthorizedIsNotRetriedAndItsMessageHoldsNoSecret() {
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"message\":\"Invalid credentials\"}}").build());
        BitbucketApiException e = assertThrows(BitbucketApiException.class, () -> client().repositories("acme", null, null));
        assertEquals(401, e.status());
        assertTrue(e.isAuthFailure());
        assertEquals(1, server.getRequestCount());
        assertEquals("GET /2.0/repositories/acme answered 401: Invalid credentials", e.getMessage());
        assertFalse(e.getMessage().contains(TestClients.TOKEN));
    }

    @Test
    void forbiddenNamesTheMissingScope() {
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"message\":\"Your credentials lack one or more required privilege scopes.\","
                        + "\"detail\":{\"granted\":[\"read:user:bitbucket\"],\"required\":[\"read:repository:bitbucket\"]}}}")
                .build());
        BitbucketApiException e = assertThrows(BitbucketApiException.class, () -> client().repositories("acme", null, null));
        assertTrue(e.getMessage().contains("read:repository:bitbucket"), e.getMessage());
    }

    @Test
    void membersAreUnwrappedToTheirUserObjects() throws Exception {
        server.enqueue(json("{\"values\":[{\"type\":\"workspace_membership\",\"user\":{\"uuid\":\"{u1}\",\"display_name\":\"Ann\"}}]}"));
        Page<ApiObject> page = client().users("acme", null);
        assertEquals("{u1}", page.values().get(0).text("uuid"));
        assertEquals("/2.0/workspaces/acme/members", take().getUrl().encodedPath());
    }

    @Test
    void catalogFileFoundAbsentOrTooLarge() throws Exception {
        BitbucketClient client = client();
        ApiObject repo = ApiObject.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"full_name\":\"acme/svc\",\"mainbranch\":{\"name\":\"main\"}}"));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"e1\"").body("kind: Component\n").build());
        server.enqueue(new MockResponse.Builder().code(404).body("{\"type\":\"error\",\"error\":{\"message\":\"No such file\"}}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(200)).build());
        CatalogFile found = client.catalogFile(repo, "catalog-info.yaml", 100);
        assertEquals(CatalogFile.Status.FOUND, found.status());
        assertEquals("kind: Component\n", new String(found.content()));
        assertEquals("\"e1\"", found.etag());
        assertEquals(CatalogFile.Status.ABSENT, client.catalogFile(repo, "catalog-info.yaml", 100).status());
        assertEquals(CatalogFile.Status.TOO_LARGE, client.catalogFile(repo, "catalog-info.yaml", 100).status());
        assertEquals("/2.0/repositories/acme/svc/src/main/catalog-info.yaml", take().getUrl().encodedPath());
    }

    @Test
    void aForbiddenCatalogFileIsUnreadableWithItsStatusAndReasonAndIsNotRetried() throws Exception {
        BitbucketClient client = client();
        ApiObject repo = ApiObject.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"full_name\":\"acme/svc\",\"mainbranch\":{\"name\":\"main\"}}"));
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"message\":\"Access denied to this file\"}}").build());
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"message\":\"Unauthorized\"}}").build());
        CatalogFile file = client.catalogFile(repo, "catalog-info.yaml", 100);
        assertEquals(CatalogFile.Status.UNREADABLE, file.status());
        assertTrue(file.reason().contains("answered 403"), file.reason());
        assertTrue(file.reason().contains("Access denied to this file"), file.reason());
        assertFalse(file.reason().contains(TestClients.TOKEN));
        assertEquals(1, server.getRequestCount(), "a 403 is not retried");
        CatalogFile second = client.catalogFile(repo, "catalog-info.yaml", 100);
        assertEquals(CatalogFile.Status.UNREADABLE, second.status());
        assertTrue(second.reason().contains("answered 401"), second.reason());
    }

    @Test
    void aPageCarriesTheListingTotalAndTheBudgetLeftCountsDown() {
        BitbucketClient client = TestClients.clients(time, 10, 3, Duration.ofSeconds(5))
                .forProfile(TestClients.cloudProfile(base));
        server.enqueue(json("{\"pagelen\":100,\"size\":1,\"page\":1,\"values\":[{\"uuid\":\"{a}\"}]}"));
        server.enqueue(json(repoPage(null, "{b}")));
        assertEquals(10, client.requestsLeft());
        assertEquals(1L, client.repositories("acme", null, null).total());
        assertEquals(null, client.repositories("acme", null, null).total());
        assertEquals(8, client.requestsLeft());
    }

    @Test
    void everyRetryAttemptSpendsTheRequestBudget() {
        BitbucketClient client = TestClients.clients(time, 10, 4, Duration.ofMillis(300))
                .forProfile(TestClients.cloudProfile(base));
        server.enqueue(new MockResponse.Builder().code(429).body("slow down").build());
        server.enqueue(new MockResponse.Builder().code(503).body("down").build());
        server.enqueue(new MockResponse.Builder().code(200).body(repoPage(null, "{slow}"))
                .headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(json(repoPage(null, "{a}")));
        assertEquals("{a}", client.repositories("acme", null, null).values().get(0).text("uuid"));
        assertEquals(4, client.requestCount());
        assertEquals(6, client.requestsLeft(), "two answered errors, one timeout and the success each cost a request");
    }

    @Test
    void aResponseAboveTheCapFailsTheRequest() {
        server.enqueue(json("{\"values\":[],\"pad\":\"" + "x".repeat(70 * 1024) + "\"}"));
        BitbucketProtocolException e = assertThrows(BitbucketProtocolException.class,
                () -> client().repositories("acme", null, null));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void aPageWithoutNextEndsTheListingWhateverItsSizeSays() {
        server.enqueue(json("{\"size\":250,\"page\":2,\"pagelen\":100,\"values\":[{\"uuid\":\"{a}\"}]}"));
        Page<ApiObject> page = client().repositories("acme", null, null);
        assertTrue(page.isLast());
        assertEquals(250L, page.total(), "size is passed on, advisory");
        assertEquals(null, page.doubt());
        server.enqueue(json("{\"values\":[{\"uuid\":\"{a}\"}]}"));
        assertEquals(null, client().repositories("acme", null, null).total(), "size may be left out");
    }

    @Test
    void aMemberWithoutAUserObjectIsSkippedAndTheRestOfThePageKept() {
        server.enqueue(json("{\"page\":1,\"values\":[{\"user\":{\"uuid\":\"{a}\"}},{\"user\":null},"
                + "{\"user\":{\"uuid\":\"{b}\"}}]}"));
        Page<ApiObject> page = client().users("acme", null);
        assertEquals(List.of("{a}", "{b}"), page.values().stream().map(v -> v.text("uuid")).toList());
        assertEquals("page 1: 1 value(s) without a user skipped", page.doubt());
    }

    @Test
    void listsVisibleWorkspacesAcrossPages() {
        server.enqueue(json("{\"values\":[{\"workspace\":{\"slug\":\"a\"}}],\"next\":\"" + base + "/user/workspaces?page=2\"}"));
        server.enqueue(json("{\"values\":[{\"workspace\":{\"slug\":\"b\"}}]}"));
        assertEquals(List.of("a", "b"), client().visibleScopes());
    }

    private static String searchPage(long size, String next, String... pathAndUuid) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < pathAndUuid.length; i += 2) {
            values.append(values.isEmpty() ? "" : ",").append("{\"type\":\"code_search_result\",\"file\":{\"path\":\"")
                    .append(pathAndUuid[i]).append("\",\"commit\":{\"repository\":{\"uuid\":\"")
                    .append(pathAndUuid[i + 1]).append("\"}}}}");
        }
        return "{\"size\":" + size + ",\"page\":1,\"pagelen\":100,\"query_substituted\":false,\"values\":["
                + values + "]" + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}";
    }

    @Test
    void catalogSearchPagesThroughTheResultsAndKeepsOnlyTheExactPath() throws Exception {
        server.enqueue(json(searchPage(3, server.url("/2.0/workspaces/acme/search/code?page=2").toString(),
                "catalog-info.yaml", "{a}", "docs/catalog-info.yaml", "{b}")));
        server.enqueue(json(searchPage(3, null, "catalog-info.yaml", "{c}")));
        CatalogSearch search = client().searchCatalogFiles("acme", "catalog-info.yaml");
        assertEquals(java.util.Set.of("{a}", "{c}"), search.repositories());
        assertEquals(2, search.pages());
        RecordedRequest first = take();
        assertEquals("/2.0/workspaces/acme/search/code", first.getUrl().encodedPath());
        assertEquals("\"catalog-info.yaml\" path:catalog-info.yaml", first.getUrl().queryParameter("search_query"));
        assertEquals("100", first.getUrl().queryParameter("pagelen"));
        assertTrue(first.getUrl().queryParameter("fields").contains("values.file.commit.repository.uuid"));
        assertEquals("2", take().getUrl().queryParameter("page"));
    }

    @Test
    void aCatalogSearchThatCannotBeTrustedToBeCompleteIsRefused() {
        server.enqueue(json(searchPage(5, null, "catalog-info.yaml", "{a}")));
        BitbucketProtocolException fewer = assertThrows(BitbucketProtocolException.class,
                () -> client().searchCatalogFiles("acme", "catalog-info.yaml"));
        assertTrue(fewer.getMessage().contains("listed 1 of its 5 results"), fewer.getMessage());
        server.enqueue(json(searchPage(1, null, "catalog-info.yaml", "{a}").replace("\"query_substituted\":false",
                "\"query_substituted\":true")));
        assertThrows(BitbucketProtocolException.class, () -> client().searchCatalogFiles("acme", "catalog-info.yaml"));
        server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"message\":\"Search is not enabled\"}}").build());
        assertEquals(404, assertThrows(BitbucketApiException.class,
                () -> client().searchCatalogFiles("acme", "catalog-info.yaml")).status());
    }
}
