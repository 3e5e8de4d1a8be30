package dev.bbinv.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.bbinv.schemas.http.BearerToken;
import dev.bbinv.schemas.http.HostHeaderFilter;

/**
 * The operations endpoint of a bbinv process: {@code GET /metrics} (Prometheus text), {@code GET /status} (JSON)
 * and {@code GET /health} (200 when healthy, 503 otherwise).
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening on {@code bindAddress:port} (port 0 = any free port).
     *
     * @param status  builds the {@code /status} document on each request; an exception becomes a 503 with its message
     * @param healthy whether {@code /health} answers 200
     */
    public static OpsHttpServer start(String bindAddress, int port, PrometheusMeterRegistry registry,
                                      Supplier<Map<String, Object>> status, BooleanSupplier healthy) {
        return start(bindAddress, port, null, registry, status, healthy);
    }

    /**
     * As above; with a {@code token}, {@code /metrics} and {@code /status} answer only {@code Authorization: Bearer
     * <token>} (401 otherwise), while {@code /health} stays open for container health checks. On loopback, requests
     * whose {@code Host} is not a loopback name get 421 (DNS rebinding).
     */
    public static OpsHttpServer start(String bindAddress, int port, String token, PrometheusMeterRegistry registry,
                                      Supplier<Map<String, Object>> status, BooleanSupplier healthy) {
        try {
            HttpServer server = dev.bbinv.schemas.http.HttpServers.create(new InetSocketAddress(bindAddress, port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "bbinv-ops-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            HttpContext metrics = server.createContext("/metrics", getOnly(ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    registry.scrape())));
            HttpContext statusContext = server.createContext("/status", getOnly(ex -> {
                Map<String, Object> doc;
                try {
                    doc = status.get();
                } catch (RuntimeException e) {
                    send(ex, 503, "application/json", JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
                    return;
                }
                send(ex, 200, "application/json", JSON.writeValueAsString(doc));
            }));
            HttpContext health = server.createContext("/health", getOnly(ex -> {
                boolean up = healthy.getAsBoolean();
                send(ex, up ? 200 : 503, "text/plain; charset=utf-8", up ? "UP\n" : "DOWN\n");
            }));
            for (HttpContext context : List.of(metrics, statusContext, health)) {
                context.getFilters().add(new HostHeaderFilter(server.getAddress()));
            }
            if (token != null) {
                BearerToken bearer = new BearerToken(token);
                for (HttpContext context : List.of(metrics, statusContext)) {
                    context.setAuthenticator(new Authenticator() {
                        @Override
                        public Result authenticate(HttpExchange exchange) {
                            if (bearer.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                                return new Success(new HttpPrincipal("ops", "bbinv"));
                            }
                            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"bbinv\"");
                            return new Failure(401);
                        }
                    });
                }
            }
            server.start();
            OpsHttpServer ops = new OpsHttpServer(server, executor);
            LOG.info("Metrics and status served at {}", ops.uri());
            return ops;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for metrics and status on " + bindAddress + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * What an operator can do to one profile of the running connector ({@code pause}, {@code resume}, {@code sync},
     * {@code forget}); returns a line saying what was done.
     */
    public interface ProfileControl {
        /**
         * @throws java.util.NoSuchElementException for an unknown profile (404)
         * @throws IllegalArgumentException         when the action cannot apply to it now (409)
         */
        String act(String profile, String action);
    }

    /** The actions {@link #serveProfileControl} accepts. */
    public static final java.util.Set<String> PROFILE_ACTIONS = java.util.Set.of("pause", "resume", "sync", "forget");

    /**
     * Also serves {@code POST /profiles/{name}/{action}}. With a {@code token} (the API's {@code api.token}), only
     * {@code Authorization: Bearer <token>} gets through: these requests change what the connector does.
     */
    public void serveProfileControl(ProfileControl control, String token) {
        BearerToken bearer = token == null ? null : new BearerToken(token);
        HttpContext profiles = server.createContext("/profiles/", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    send(exchange, 405, "text/plain; charset=utf-8", "only POST\n");
                    return;
                }
                if (bearer != null && !bearer.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                    send(exchange, 401, "application/json", json(Map.of("error", "a valid bearer token is required")));
                    return;
                }
                String[] parts = exchange.getRequestURI().getPath().split("/");
                if (parts.length != 4 || !PROFILE_ACTIONS.contains(parts[3])) {
                    send(exchange, 404, "application/json", json(Map.of("error",
                            "expected POST /profiles/{name}/{action}, action one of " + new java.util.TreeSet<>(PROFILE_ACTIONS))));
                    return;
                }
                try {
                    String result = control.act(parts[2], parts[3]);
                    send(exchange, 200, "application/json", json(Map.of("profile", parts[2], "action", parts[3],
                            "result", result)));
                } catch (java.util.NoSuchElementException e) {
                    send(exchange, 404, "application/json", json(Map.of("error", String.valueOf(e.getMessage()))));
                } catch (IllegalArgumentException e) {
                    send(exchange, 409, "application/json", json(Map.of("error", String.valueOf(e.getMessage()))));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Serving {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            }
        });
        profiles.getFilters().add(new HostHeaderFilter(server.getAddress()));
    }

    private static String json(Map<String, Object> doc) throws IOException {
        return JSON.writeValueAsString(doc);
    }

    /** Base address, e.g. {@code http://127.0.0.1:9464}; paths {@code /metrics}, {@code /status}, {@code /health}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort());
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpHandler getOnly(Handler handler) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    send(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
                    return;
                }
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Serving {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            }
        };
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
