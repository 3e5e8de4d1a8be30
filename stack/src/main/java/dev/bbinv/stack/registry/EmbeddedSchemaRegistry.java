package dev.bbinv.stack.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

/**
 * A small Confluent-compatible schema registry (Avro only) served over HTTP on 127.0.0.1, keeping its schemas in
 * memory or in a compacted Kafka topic, for the embedded stack and for tests that need a registry across a wire.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaStore store;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, SchemaStore store) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A registry that forgets everything on close, with BACKWARD compatibility; port 0 picks a free port. */
    public static EmbeddedSchemaRegistry inMemory(int port) {
        return inMemory(port, Compatibility.BACKWARD);
    }

    public static EmbeddedSchemaRegistry inMemory(int port, Compatibility compatibility) {
        return start(SchemaStore.inMemory(), port, compatibility);
    }

    /**
     * A registry whose schemas live in the compacted topic {@code topic} (created if missing), so subjects, versions
     * and ids survive a restart; BACKWARD compatibility unless a {@code PUT /config} stored another level.
     */
    public static EmbeddedSchemaRegistry kafkaBacked(String bootstrapServers, String topic, int port) {
        return kafkaBacked(bootstrapServers, topic, port, Compatibility.BACKWARD);
    }

    public static EmbeddedSchemaRegistry kafkaBacked(String bootstrapServers, String topic, int port,
            Compatibility defaultCompatibility) {
        return start(KafkaSchemaStore.open(bootstrapServers, topic), port, defaultCompatibility);
    }

    private static EmbeddedSchemaRegistry start(SchemaStore store, int port, Compatibility compatibility) {
        ExecutorService executor = null;
        try {
            RegistryService service = new RegistryService(store, compatibility);
            HttpServer server = dev.bbinv.schemas.http.HttpServers.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            executor = Executors.newFixedThreadPool(4, daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(service)).getFilters()
                    .add(new dev.bbinv.schemas.http.HostHeaderFilter(server.getAddress()));
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, store);
            LOG.info("Schema registry listening on {}", registry.url);
            return registry;
        } catch (IOException e) {
            closeQuietly(store, executor);
            throw new UncheckedIOException("cannot start the schema registry on 127.0.0.1 port " + port, e);
        } catch (RuntimeException e) {
            closeQuietly(store, executor);
            throw e;
        }
    }

    private static void closeQuietly(SchemaStore store, ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
        }
        store.close();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        LOG.info("Schema registry at {} stopped", url);
    }
}
