package dev.bbinv.connector.bitbucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Data Center's {@code repos-matching-root-file} read by {@code ServerClient}: paged by nextPageStart and filtered to
 * the project; a refusal or an unreadable answer learned once per profile; a page it cannot trust never used.
 */
@org.junit.jupiter.api.Timeout(30)
class ServerCatalogSearchTest {
    private static final String SEARCH = "/rest/search/latest/repos-matching-root-file";
    private final MockWebServer server = new MockWebServer();
    private final TestClients.FakeTime time = new TestClients.FakeTime();
    private BitbucketClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        HttpUrl base = server.url("/");
        client = TestClients.clients(time, 1000, 1, Duration.ofSeconds(5)).forProfile(TestClients.serverProfile(base));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String repo(long id, String key) {
        return "{\"id\":" + id + ",\"slug\":\"r" + id + "\",\"project\":{\"key\":\"" + key + "\",\"name\":\"Payments\"}}";
    }

    /** The scan lists the project first; its page gives the project's name, the search's query. */
    private void listPay() throws Exception {
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[" + repo(1, "PAY") + "]}"));
        client.repositories("PAY", null, null);
        take();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request within 5 s");
        return request;
    }

    @Test
    void pagesByNextPageStartAndKeepsOnlyTheProjectsRepositories() throws Exception {
        listPay();
        server.enqueue(json(200, "{\"size\":2,\"limit\":1000,\"start\":0,\"isLastPage\":false,\"nextPageStart\":17,"
                + "\"extra\":{\"x\":1},\"values\":[" + repo(5, "PAY") + "," + repo(6, "PLAT") + "]}"));
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[" + repo(9, "pay") + "]}"));
        CatalogSearch search = client.searchCatalogFiles("PAY", "catalog-info.yaml");
        assertEquals(Set.of("5", "9"), search.repositories(), "PLAT's namesake dropped; keys compared ignoring case");
        assertEquals(2, search.pages());
        HttpUrl first = take().getUrl();
        assertEquals(SEARCH, first.encodedPath());
        assertEquals("Payments", first.queryParameter("query"));
        assertEquals("catalog-info.yaml", first.queryParameter("rootFile"));
        assertEquals("0", first.queryParameter("start"));
        assertEquals("17", take().getUrl().queryParameter("start"), "nextPageStart, not start+size");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 501})
    void aRefusalIsLearnedOnceAndAskedAgainAfterADay(int status) throws Exception {
        listPay();
        server.enqueue(json(status, "{\"errors\":[{\"message\":\"no\"}]}"));
        CatalogSearchUnavailableException first = assertThrows(CatalogSearchUnavailableException.class,
                () -> client.searchCatalogFiles("PAY", "catalog-info.yaml"));
        assertTrue(first.reason().startsWith("search unavailable: " + status + "; asked again after "), first.reason());
        take();
        int requests = server.getRequestCount();
        time.sleep(Duration.ofHours(23));
        CatalogSearchUnavailableException again = assertThrows(CatalogSearchUnavailableException.class,
                () -> client.searchCatalogFiles("PAY", "catalog-info.yaml"));
        assertEquals(first.reason(), again.reason());
        assertEquals(requests, server.getRequestCount(), "no request while the refusal is remembered");
        time.sleep(Duration.ofHours(1));
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[" + repo(5, "PAY") + "]}"));
        assertEquals(Set.of("5"), client.searchCatalogFiles("PAY", "catalog-info.yaml").repositories());
    }

    @Test
    void anAnswerThatIsNotADataCenterPageMakesTheSearchUnavailable() throws Exception {
        listPay();
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>log in</html>").build());
        CatalogSearchUnavailableException html = assertThrows(CatalogSearchUnavailableException.class,
                () -> client.searchCatalogFiles("PAY", "catalog-info.yaml"));
        assertTrue(html.reason().startsWith("search unavailable: unreadable answer ("), html.reason());
        time.sleep(Duration.ofDays(1));
        server.enqueue(json(200, "{\"repositories\":[]}"));
        assertThrows(CatalogSearchUnavailableException.class, () -> client.searchCatalogFiles("PAY", "catalog-info.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"values\":[]}",
        "{\"isLastPage\":false,\"values\":[]}",
        "{\"isLastPage\":false,\"nextPageStart\":0,\"values\":[]}",
        "{\"isLastPage\":true,\"values\":[{\"id\":5}]}",
        "{\"isLastPage\":true,\"values\":[{\"slug\":\"r\",\"project\":{\"key\":\"PAY\"}}]}",
        "{\"isLastPage\":true,\"values\":[{\"id\":\"five\",\"project\":{\"key\":\"PAY\"}}]}"})
    void aPageThatCannotBeTrustedIsNotUsedAndTheSearchIsAskedAgainNextTime(String page) throws Exception {
        listPay();
        server.enqueue(json(200, page));
        assertThrows(BitbucketProtocolException.class, () -> client.searchCatalogFiles("PAY", "catalog-info.yaml"));
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[" + repo(5, "PAY") + "]}"));
        assertEquals(Set.of("5"), client.searchCatalogFiles("PAY", "catalog-info.yaml").repositories());
    }

    @Test
    void aRateLimitOrServerErrorIsTheMomentsNotTheInstances() throws Exception {
        listPay();
        server.enqueue(json(503, "{\"errors\":[{\"message\":\"busy\"}]}"));
        assertEquals(503, assertThrows(BitbucketApiException.class,
                () -> client.searchCatalogFiles("PAY", "catalog-info.yaml")).status());
        server.enqueue(json(200, "{\"isLastPage\":true,\"values\":[]}"));
        assertEquals(Set.of(), client.searchCatalogFiles("PAY", "catalog-info.yaml").repositories());
    }

    @Test
    void withoutTheProjectsNameFromItsListingNothingIsSearched() {
        assertThrows(BitbucketProtocolException.class, () -> client.searchCatalogFiles("PAY", "catalog-info.yaml"));
        assertEquals(0, server.getRequestCount());
    }
}
