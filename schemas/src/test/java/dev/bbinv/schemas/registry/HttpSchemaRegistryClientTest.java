package dev.bbinv.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The client against a local HTTP server that answers as a Confluent registry would (including its error bodies),
 * so the client is proven against the protocol rather than only against our own registry.
 */
class HttpSchemaRegistryClientTest {
    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    private record Seen(String method, String path, String contentType, String authorization, String body) {}

    private record Answer(int status, String body) {}

    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private URI serve(Function<Seen, Answer> responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Seen seen = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(seen);
            Answer answer = responder.apply(seen);
            byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void registersWithConfluentsRequestShapeAndAsksOnlyOncePerSubjectAndSchema() throws Exception {
        URI url = serve(seen -> new Answer(200, "{\"id\":42}"));
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url);

        assertEquals(42, client.register("inventory.users-value", SCHEMA));
        assertEquals(42, client.register("inventory.users-value", SCHEMA));

        assertEquals(1, requests.size());
        Seen seen = requests.get(0);
        assertEquals("POST", seen.method());
        assertEquals("/subjects/inventory.users-value/versions", seen.path());
        assertEquals("application/vnd.schemaregistry.v1+json", seen.contentType());
        assertEquals(SCHEMA, new Schema.Parser().parse(new ObjectMapper().readTree(seen.body()).get("schema").textValue()));
        // A registered schema is also known by its id without asking.
        assertEquals(SCHEMA, client.schemaById(42));
        assertEquals(1, requests.size());
    }

    @Test
    void fetchesASchemaByIdOnce() throws Exception {
        String body = new ObjectMapper().writeValueAsString(java.util.Map.of("schema", SCHEMA.toString()));
        URI url = serve(seen -> new Answer(200, body));
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url);

        assertEquals(SCHEMA, client.schemaById(7));
        assertEquals(SCHEMA, client.schemaById(7));

        assertEquals(1, requests.size());
        assertEquals("GET", requests.get(0).method());
        assertEquals("/schemas/ids/7", requests.get(0).path());
    }

    @Test
    void unknownIdSaysWhichIdAndKeepsConfluentsErrorCode() throws Exception {
        URI url = serve(seen -> new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}"));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new HttpSchemaRegistryClient(url).schemaById(99));
        assertTrue(e.getMessage().contains("no schema with id 99"), e.getMessage());
        assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
        assertEquals(OptionalInt.of(40403), e.errorCode());
        assertEquals(OptionalInt.of(404), e.httpStatus());
    }

    @Test
    void incompatibleSchemaNamesTheSubject() throws Exception {
        URI url = serve(seen -> new Answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is "
                + "incompatible with an earlier schema\"}"));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new HttpSchemaRegistryClient(url).register("inventory.repositories-value", SCHEMA));
        assertTrue(e.getMessage().contains("subject 'inventory.repositories-value'"), e.getMessage());
        assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
        assertEquals(OptionalInt.of(409), e.errorCode());
    }

    @Test
    void sendsBasicCredentialsButNeverPrintsThem() throws Exception {
        URI url = serve(seen -> new Answer(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}"));
        URI withCredentials = URI.create("http://ops:hunter2@127.0.0.1:" + url.getPort());
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(withCredentials);

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));

        assertTrue(requests.get(0).authorization().startsWith("Basic "));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("ops:"), e.getMessage());
        assertFalse(client.toString().contains("hunter2"));
        assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
        assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
    }

    @Test
    void aNonRegistryErrorPageIsReportedWithStatusAndAShortExcerpt() throws Exception {
        URI url = serve(seen -> new Answer(502, "<html>Bad Gateway " + "x".repeat(2000) + "</html>"));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new HttpSchemaRegistryClient(url).register("s-value", SCHEMA));
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad Gateway"), e.getMessage());
        assertTrue(e.getMessage().length() < 600, "message is " + e.getMessage().length() + " chars");
        assertEquals(OptionalInt.empty(), e.errorCode());
    }

    @Test
    void unreachableRegistryNamesTheUrlWithoutCredentials() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(
                URI.create("http://ops:hunter2@127.0.0.1:" + port), null, Duration.ofSeconds(5));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.register("s-value", SCHEMA));
        assertTrue(e.getMessage().startsWith("schema registry at http://127.0.0.1:" + port + " is unreachable"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(OptionalInt.empty(), e.httpStatus());
    }
}
