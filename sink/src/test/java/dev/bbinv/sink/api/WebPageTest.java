package dev.bbinv.sink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.TestDatabases;

/** The web page's files and the status document on the query API's port, over real HTTP, with and without a token. */
class WebPageTest {
    private static final String TOKEN = "page-t0ken";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsFilesAreServedWithoutTheTokenAndTheDataOnlyWithIt() throws Exception {
        Database db = TestDatabases.sqlite();
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0, TOKEN)) {
            HttpResponse<String> page = get(api.baseUri().resolve("/"), null);
            HttpResponse<String> script = get(api.baseUri().resolve("/ui/app.js"), null);
            HttpResponse<String> session = get(api.baseUri().resolve("/ui/session.json"), null);

            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(page.body().contains("<script type=\"module\" src=\"ui/app.js\">"), page.body());
            assertEquals(WebPage.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow(),
                    "the browser is told to load nothing from another host");
            assertEquals(200, script.statusCode());
            assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"tokenRequired\":true}", session.body());
            assertEquals(200, get(api.baseUri().resolve("/favicon.ico"), null).statusCode());

            assertEquals(401, get(api.baseUri().resolve("/repositories"), null).statusCode());
            assertEquals(401, get(api.baseUri().resolve("/facets/repositories"), null).statusCode());
            assertEquals(401, get(api.baseUri().resolve("/export/repositories"), null).statusCode());
            assertEquals(401, get(api.baseUri().resolve("/status"), null).statusCode());
            assertEquals(401, get(api.baseUri().resolve("/uix"), null).statusCode(), "only /ui/ itself is public");
            assertEquals(200, get(api.baseUri().resolve("/facets/repositories"), TOKEN).statusCode());
        }
    }

    @Test
    void onlyThePagesOwnFilesAreServed() throws Exception {
        try (InventoryApi api = InventoryApi.start(TestDatabases.sqlite(), "127.0.0.1", 0)) {
            assertEquals("{\"tokenRequired\":false}", get(api.baseUri().resolve("/ui/session.json"), null).body());
            assertEquals(404, get(api.baseUri().resolve("/ui/missing.js"), null).statusCode());
            // URI.create keeps the dots (resolve would normalise them away before they are sent)
            assertEquals(404, get(URI.create(api.baseUri() + "/ui/../db/migration/V1__inventory.sql"), null).statusCode());
            assertEquals(404, get(api.baseUri().resolve("/ui/..%2Fdb%2Fmigration%2FV1__inventory.sql"), null).statusCode());
            assertEquals(404, get(api.baseUri().resolve("/ui/%2E%2E/api/WebPage.class"), null).statusCode());
            assertEquals(404, get(api.baseUri().resolve("/ui/"), null).statusCode());
        }
    }

    @Test
    void theStatusDocumentIsServedOnceTheProcessHandsItOver() throws Exception {
        try (InventoryApi api = InventoryApi.start(TestDatabases.sqlite(), "127.0.0.1", 0, TOKEN)) {
            assertEquals(404, get(api.baseUri().resolve("/status"), TOKEN).statusCode(), "no status yet");

            api.serveStatus(() -> Map.of("profiles", java.util.List.of(Map.of("profile", "p1", "state", "Connected"))));

            HttpResponse<String> status = get(api.baseUri().resolve("/status"), TOKEN);
            assertEquals(200, status.statusCode());
            assertEquals("{\"profiles\":[{\"profile\":\"p1\",\"state\":\"Connected\"}]}",
                    AssetJson.MAPPER.readTree(status.body()).toString().replace("{\"state\":\"Connected\",\"profile\":\"p1\"}",
                            "{\"profile\":\"p1\",\"state\":\"Connected\"}"));
        }
    }
}
