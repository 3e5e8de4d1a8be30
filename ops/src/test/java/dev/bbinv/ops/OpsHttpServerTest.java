package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;

import dev.bbinv.testkit.RawHttp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

class OpsHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = Metrics.newRegistry();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Map<String, Object> status = new LinkedHashMap<>(Map.of("state", "fine"));
    private final AtomicBoolean statusFails = new AtomicBoolean();
    private final OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, registry, () -> {
        if (statusFails.get()) {
            throw new IllegalStateException("Kafka unreachable");
        }
        return status;
    }, healthy::get);

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsServesCountersAndJvmMetersInPrometheusText() throws Exception {
        Counter.builder("bbinv.test.events").tag("profile", "acme").register(registry).increment(3);

        HttpResponse<String> r = get("/metrics");

        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("bbinv_test_events_total{profile=\"acme\"} 3.0"), r.body());
        assertTrue(r.body().contains("jvm_memory_used_bytes"), "JVM binders are bound");
    }

    @Test
    void statusServesTheSuppliedDocumentAsJsonAndA503WhenItCannotBeRead() throws Exception {
        HttpResponse<String> ok = get("/status");
        assertEquals(200, ok.statusCode());
        JsonNode doc = new ObjectMapper().readTree(ok.body());
        assertEquals("fine", doc.path("state").asText());

        statusFails.set(true);
        HttpResponse<String> failed = get("/status");
        assertEquals(503, failed.statusCode());
        assertTrue(failed.body().contains("Kafka unreachable"), failed.body());
    }

    @Test
    void healthFollowsTheHealthCheck() throws Exception {
        assertEquals(200, get("/health").statusCode());
        healthy.set(false);
        HttpResponse<String> down = get("/health");
        assertEquals(503, down.statusCode());
        assertEquals("DOWN\n", down.body());
    }

    @Test
    void refusesMethodsOtherThanGet() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
    }

    @Test
    void withATokenMetricsAndStatusNeedItWhileHealthStaysOpen() {
        try (OpsHttpServer guarded = OpsHttpServer.start("127.0.0.1", 0, "ops-t0ken", registry, () -> status,
                healthy::get)) {
            URI base = guarded.uri();
            String host = "127.0.0.1:" + base.getPort();
            assertEquals(401, RawHttp.getStatus(base, "/metrics", host, null));
            assertEquals(401, RawHttp.getStatus(base, "/status", host, "Bearer wrong"));
            assertEquals(200, RawHttp.getStatus(base, "/metrics", host, "Bearer ops-t0ken"));
            assertEquals(200, RawHttp.getStatus(base, "/status", host, "Bearer ops-t0ken"));
            assertEquals(200, RawHttp.getStatus(base, "/health", host, null));
        }
    }

    @Test
    void onLoopbackRequestsNamingAnotherHostGet421AgainstDnsRebinding() {
        URI base = server.uri();
        assertEquals(421, RawHttp.getStatus(base, "/status", "rebound.example", null));
        assertEquals(421, RawHttp.getStatus(base, "/metrics", "rebound.example:" + base.getPort(), null));
        assertEquals(200, RawHttp.getStatus(base, "/status", "localhost:" + base.getPort(), null));
    }
}
