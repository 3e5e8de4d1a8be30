package dev.bbinv.testkit;

import java.net.URI;

import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;

/** One real schema registry (ours, in memory, over HTTP) per test JVM, so serde round trips cross a wire. */
public final class TestRegistry {
    private static EmbeddedSchemaRegistry registry;

    public static synchronized URI url() {
        if (registry == null) {
            registry = EmbeddedSchemaRegistry.inMemory(0);
            EmbeddedSchemaRegistry started = registry;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-registry-stop"));
        }
        return registry.url();
    }

    /** A new client with an empty cache each call. */
    public static SchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(url());
    }

    private TestRegistry() {}
}
