package dev.bbinv.stack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;

/** The embedded registry over HTTP, spoken to as a Confluent client would. */
class EmbeddedSchemaRegistryTest {
    private static final String V1 = """
            {"type":"record","name":"Repo","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
    private static final String V1_REFORMATTED = """
            {  "namespace" : "t", "type": "record",
               "name":"Repo",
               "fields": [ { "type":"string", "name":"id" } ] }""";
    private static final String V2_DEFAULTED = """
            {"type":"record","name":"Repo","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"language","type":["null","string"],"default":null}]}""";
    private static final String V3_REQUIRED = """
            {"type":"record","name":"Repo","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"owner","type":"string"}]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private EmbeddedSchemaRegistry registry;

    private record Reply(int status, JsonNode body, String contentType) {}

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.inMemory(0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Reply send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), json.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private int register(String subject, String schema) throws Exception {
        Reply reply = send("POST", "/subjects/" + subject + "/versions", Map.of("schema", schema));
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("id").intValue();
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(errorCode, reply.body().get("error_code").intValue(), reply.body().toString());
        assertFalse(reply.body().get("message").asText().isBlank());
    }

    @Test
    void theSameSchemaGetsTheSameIdWhateverItsWhitespaceAndKeyOrder() throws Exception {
        int first = register("repos-value", V1);
        assertEquals(first, register("repos-value", V1));
        assertEquals(first, register("repos-value", V1_REFORMATTED));
        assertEquals(1, send("GET", "/subjects/repos-value/versions", null).body().size());
    }

    @Test
    void theSameSchemaUnderAnotherSubjectGetsTheSameGlobalId() throws Exception {
        int id = register("a-value", V1);
        assertEquals(id, register("b-value", V1_REFORMATTED));
        assertEquals("[\"a-value\",\"b-value\"]", send("GET", "/subjects", null).body().toString());
    }

    @Test
    void aNewCompatibleSchemaGetsANewIdAndTheNextVersion() throws Exception {
        int v1 = register("repos-value", V1);
        int v2 = register("repos-value", V2_DEFAULTED);
        assertNotEquals(v1, v2);

        assertEquals("[1,2]", send("GET", "/subjects/repos-value/versions", null).body().toString());
        JsonNode latest = send("GET", "/subjects/repos-value/versions/latest", null).body();
        assertEquals(2, latest.get("version").intValue());
        assertEquals(v2, latest.get("id").intValue());
        assertEquals("repos-value", latest.get("subject").textValue());
        assertEquals(new Schema.Parser().parse(V2_DEFAULTED), new Schema.Parser().parse(latest.get("schema").textValue()));
        assertEquals(v1, send("GET", "/subjects/repos-value/versions/1", null).body().get("id").intValue());
        assertEquals("Repo", send("GET", "/subjects/repos-value/versions/1/schema", null).body().get("name").asText());
    }

    @Test
    void servesSchemasByIdWithConfluentsContentType() throws Exception {
        int id = register("repos-value", V1_REFORMATTED);
        Reply reply = send("GET", "/schemas/ids/" + id, null);
        assertEquals(200, reply.status());
        assertEquals("application/vnd.schemaregistry.v1+json", reply.contentType());
        assertEquals(new Schema.Parser().parse(V1), new Schema.Parser().parse(reply.body().get("schema").textValue()));
    }

    @Test
    void looksUpWhichVersionOfASubjectHoldsASchema() throws Exception {
        register("repos-value", V1);
        int v2 = register("repos-value", V2_DEFAULTED);
        JsonNode found = send("POST", "/subjects/repos-value", Map.of("schema", V2_DEFAULTED)).body();
        assertEquals(v2, found.get("id").intValue());
        assertEquals(2, found.get("version").intValue());

        assertError(send("POST", "/subjects/repos-value", Map.of("schema", V3_REQUIRED)), 404, 40403);
        assertError(send("POST", "/subjects/nobody-value", Map.of("schema", V1)), 404, 40401);
    }

    @Test
    void answersConfluentErrorCodesForWhatItDoesNotKnow() throws Exception {
        assertError(send("GET", "/schemas/ids/999", null), 404, 40403);
        assertError(send("GET", "/subjects/nobody-value/versions", null), 404, 40401);
        assertError(send("GET", "/subjects/nobody-value/versions/latest", null), 404, 40401);
        register("repos-value", V1);
        assertError(send("GET", "/subjects/repos-value/versions/7", null), 404, 40402);
        assertError(send("GET", "/subjects/repos-value/versions/first", null), 422, 42202);
        assertError(send("GET", "/nowhere", null), 404, 404);
        assertError(send("DELETE", "/subjects", null), 405, 405);
    }

    @Test
    void rejectsWhatIsNotAnAvroSchemaWith42201() throws Exception {
        assertError(send("POST", "/subjects/x-value/versions", Map.of("schema", "{\"type\":\"recrod\"}")), 422, 42201);
        assertError(send("POST", "/subjects/x-value/versions", Map.of("schema", "not json")), 422, 42201);
        assertError(send("POST", "/subjects/x-value/versions",
                Map.of("schema", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\","
                        + "\"default\":\"x\"}]}")), 422, 42201);
        assertError(send("POST", "/subjects/x-value/versions", Map.of("schema", V1, "schemaType", "PROTOBUF")),
                422, 42201);
        assertError(send("POST", "/subjects/x-value/versions", "{oops"), 422, 422);
        assertError(send("GET", "/subjects/x-value/versions", null), 404, 40401);
    }

    @Test
    void refusesABackwardIncompatibleVersionWith409UnlessCompatibilityIsNone() throws Exception {
        assertEquals("BACKWARD", send("GET", "/config", null).body().get("compatibilityLevel").textValue());
        register("repos-value", V1);

        Reply refused = send("POST", "/subjects/repos-value/versions", Map.of("schema", V3_REQUIRED));
        assertError(refused, 409, 409);
        assertTrue(refused.body().get("message").asText().contains("repos-value"), refused.body().toString());

        assertEquals("NONE", send("PUT", "/config", Map.of("compatibility", "NONE")).body().get("compatibility").asText());
        assertEquals("NONE", send("GET", "/config", null).body().get("compatibilityLevel").textValue());
        register("repos-value", V3_REQUIRED);
        assertError(send("PUT", "/config", Map.of("compatibility", "SIDEWAYS")), 422, 42203);
    }

    @Test
    void subjectsWithReservedCharactersSurviveTheUrl() throws Exception {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
        int id = client.register("odd/subject+name with space-value", new Schema.Parser().parse(V1));
        assertEquals("[\"odd/subject+name with space-value\"]", send("GET", "/subjects", null).body().toString());
        assertEquals(id, send("GET", "/subjects/odd%2Fsubject%2Bname%20with%20space-value/versions/1", null)
                .body().get("id").intValue());
    }

    @Test
    void ourClientSeesTheRegistrysErrorsWithTheirCodes() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
        SchemaRegistryException unknown = assertThrows(SchemaRegistryException.class, () -> client.schemaById(4242));
        assertEquals(OptionalInt.of(40403), unknown.errorCode());
        assertTrue(unknown.getMessage().contains("id 4242"), unknown.getMessage());

        client.register("repos-value", new Schema.Parser().parse(V1));
        SchemaRegistryException incompatible = assertThrows(SchemaRegistryException.class,
                () -> client.register("repos-value", new Schema.Parser().parse(V3_REQUIRED)));
        assertEquals(OptionalInt.of(409), incompatible.errorCode());
        assertTrue(incompatible.getMessage().contains("'repos-value'"), incompatible.getMessage());
    }

    @Test
    void concurrentRegistrationsAgreeOnOneIdPerSchema() throws Exception {
        List<String> schemas = List.of(V1, V2_DEFAULTED, V1_REFORMATTED);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                results.add(pool.submit(() -> {
                    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
                    List<Integer> ids = new ArrayList<>();
                    for (String schema : schemas) {
                        ids.add(client.register("concurrent-value", new Schema.Parser().parse(schema)));
                    }
                    return ids;
                }));
            }
            List<Integer> first = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<List<Integer>> result : results) {
                assertEquals(first, result.get(30, TimeUnit.SECONDS));
            }
            assertEquals(first.get(0), first.get(2));
            assertEquals("[1,2]", send("GET", "/subjects/concurrent-value/versions", null).body().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStoppedRegistryIsAClearErrorFromTheClient() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());
        registry.close();
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));
        assertTrue(e.getMessage().contains(registry.url() + " is unreachable"), e.getMessage());
    }
    @Test
    void refusesWritesThatAreNotJsonWith415SoABrowserFormCannotRegisterOrChangeTheLevel() throws Exception {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/config"))
                    .header("Content-Type", type)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), type + ": " + response.body());
        }
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/x/versions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("schema", V1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), form.body());
        assertEquals("[]", send("GET", "/subjects", null).body().toString(), "nothing was registered");
        assertEquals("BACKWARD", send("GET", "/config", null).body().get("compatibilityLevel").asText());

        HttpResponse<String> plainJson = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/x/versions"))
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("schema", V1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plainJson.statusCode(), plainJson.body());
    }

    @Test
    void answersOnlyRequestsAddressedToALoopbackNameAgainstDnsRebinding() throws Exception {
        assertEquals(421, statusWithHost("attacker.example:" + registry.url().getPort()));
        assertEquals(421, statusWithHost(null));
        assertEquals(200, statusWithHost("localhost:" + registry.url().getPort()));
        assertEquals(200, statusWithHost("127.0.0.1"));
    }

    /** A GET /subjects with this Host header (none when null), sent over a socket: HttpClient will not set Host. */
    private int statusWithHost(String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", registry.url().getPort())) {
            String request = "GET /subjects HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
