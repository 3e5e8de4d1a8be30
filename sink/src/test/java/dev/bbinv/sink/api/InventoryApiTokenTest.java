package dev.bbinv.sink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.testkit.RawHttp;

/** The query API over real HTTP on a real SQLite inventory, with and without {@code api.token}. */
class InventoryApiTokenTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private int get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void withATokenOnlyRequestsBearingItAreAnswered() throws Exception {
        Database db = TestDatabases.sqlite();
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0, "t0ken-" + 42)) {
            URI repositories = api.baseUri().resolve("/repositories");
            assertEquals(401, get(repositories, null));
            assertEquals(401, get(repositories, "Bearer wrong"));
            assertEquals(401, get(repositories, "Basic dDBrZW4tNDI="));
            assertEquals(200, get(repositories, "Bearer t0ken-42"));
            assertEquals(200, get(repositories, "bearer t0ken-42"), "the scheme is case-insensitive (RFC 7235)");
        }
    }

    @Test
    void withoutATokenTheApiIsOpen() throws Exception {
        Database db = TestDatabases.sqlite();
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0)) {
            assertEquals(200, get(api.baseUri().resolve("/repositories"), null));
        }
    }

    @Test
    void onLoopbackOnlyRequestsAddressedToALoopbackNameAreAnsweredAgainstDnsRebinding() {
        Database db = TestDatabases.sqlite();
        try (InventoryApi api = InventoryApi.start(db, "127.0.0.1", 0)) {
            URI base = api.baseUri();
            assertEquals(421, RawHttp.getStatus(base, "/repositories", "evil.example:" + base.getPort(), null));
            assertEquals(421, RawHttp.getStatus(base, "/repositories", null, null));
            assertEquals(200, RawHttp.getStatus(base, "/repositories", "localhost:" + base.getPort(), null));
            assertEquals(200, RawHttp.getStatus(base, "/repositories", "127.0.0.1:" + base.getPort(), null));
            assertEquals(200, RawHttp.getStatus(base, "/repositories", "[::1]:" + base.getPort(), null));
        }
    }
}
