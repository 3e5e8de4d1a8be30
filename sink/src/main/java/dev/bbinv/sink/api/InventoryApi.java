package dev.bbinv.sink.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.schemas.http.HostHeaderFilter;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;

/** The query API's own HTTP server (JDK {@code HttpServer}); {@link #handler} serves the same API for mounting elsewhere. */
public final class InventoryApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryApi.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final InventoryHttpHandler handler;

    private InventoryApi(HttpServer server, ExecutorService executor, InventoryHttpHandler handler) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
    }

    /** Starts serving the API at {@code /} on this address, open to any caller; port 0 picks a free port. */
    public static InventoryApi start(Database db, String bindAddress, int port) {
        return start(db, bindAddress, port, null);
    }

    /** As {@link #start(Database, String, int)}; with a {@code token}, only requests bearing it are answered. */
    public static InventoryApi start(Database db, String bindAddress, int port, String token) {
        try {
            HttpServer server = dev.bbinv.schemas.http.HttpServers.create(new InetSocketAddress(bindAddress, port), 0);
            InventoryHttpHandler handler = handler(db);
            HttpContext context = server.createContext("/", handler);
            context.getFilters().add(new HostHeaderFilter(server.getAddress()));
            if (token != null) {
                handler.requireTokenOnPage(true);
                context.setAuthenticator(new BearerTokenAuthenticator(token));
            }
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "bbinv-sink-api");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.start();
            InventoryApi api = new InventoryApi(server, executor, handler);
            LOG.info("Inventory query API and web page listening on {} ({})", api.baseUri(),
                    token == null ? "open to any caller that can reach it" : "bearer token required");
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port + " for the query API", e);
        }
    }

    /** The API as a handler, for an {@code HttpServer} someone else runs. */
    public static InventoryHttpHandler handler(Database db) {
        return new InventoryHttpHandler(new InventoryReader(db));
    }

    /** Serves this document at {@code /status} (behind the same token), for the web page's integrations view. */
    public void serveStatus(java.util.function.Supplier<?> statusDocument) {
        handler.serveStatus(statusDocument);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** e.g. {@code http://127.0.0.1:8088} */
    public URI baseUri() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
