package dev.bbinv.connector.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Reads back the catalog file events this connector committed for one profile and scope: the latest per repository
 * asset id. The raw topic is compacted by that key, so it keeps the last file content published; a change of the
 * profile's attribute keys is published again from it without asking Bitbucket for every file.
 */
public final class PublishedCatalogFiles {
    private final String bootstrapServers;
    private final Map<String, Object> clientOverrides;
    private final SchemaRegistryClient registry;
    private final Duration timeout;

    public PublishedCatalogFiles(String bootstrapServers, Map<String, Object> clientOverrides,
            SchemaRegistryClient registry, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.clientOverrides = clientOverrides;
        this.registry = registry;
        this.timeout = timeout;
    }

    /** The latest committed event of each repository of {@code profile} in {@code scope}, by asset id. */
    public Map<String, RawCatalogFileEvent> latest(String profile, String scope) {
        Map<String, RawCatalogFileEvent> latest = new HashMap<>();
        CheckpointReader.readTopic(Topics.RAW_CATALOG_FILES, RawCatalogFileEvent.class, bootstrapServers,
                clientOverrides, registry, timeout, (key, event) -> {
                    if (event == null) {
                        latest.remove(key);
                    } else if (profile.equals(event.getEnvelope().getProfile())
                            && scope.equals(event.getEnvelope().getScope())) {
                        latest.put(key, event);
                    }
                });
        return latest;
    }
}
