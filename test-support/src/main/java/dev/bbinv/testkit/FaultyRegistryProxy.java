package dev.bbinv.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy in front of the test schema registry that can be told to answer every request with an error status,
 * or to stop listening (connection refused), and then to heal: for tests of how the roles ride out a registry outage.
 */
public final class FaultyRegistryProxy implements AutoCloseable {
    private final URI target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private volatile HttpServer server;
    private volatile int failWith;
    private final java.util.concurrent.atomic.AtomicInteger faults = new java.util.concurrent.atomic.AtomicInteger();

    public FaultyRegistryProxy(URI target) {
        this.target = target;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Every schema lookup ({@code GET}) is answered with {@code status} (and a Confluent-style error body) until
     * {@link #heal}; registrations still pass, so a role that wrongly dead-letters during the outage is caught doing it.
     */
    public synchronized void failWith(int status) {
        ensureListening();
        failWith = status;
    }

    /** Stops listening, so clients get "connection refused", until {@link #heal}. */
    public synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** How many requests were answered with an injected error status. */
    public int faultsAnswered() {
        return faults.get();
    }

    /** Forwards every request to the registry again. */
    public synchronized void heal() {
        failWith = 0;
        ensureListening();
    }

    private void ensureListening() {
        if (server == null) {
            server = listen(port);
        }
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            s.createContext("/", this::handle);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = failWith;
            if (status != 0 && "GET".equals(exchange.getRequestMethod())) {
                faults.incrementAndGet();
                answer(exchange, status, "{\"error_code\":" + status + ",\"message\":\"fault injected\"}");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            answer(exchange, response.statusCode(), response.body());
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
