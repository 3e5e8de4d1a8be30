package dev.bbinv.connector.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Reads back the catalog file events this connector committed for one profile and scope: the latest per repository
 * asset id. The raw topic is compacted by sighting key, so it keeps the last file content published per sighting; a change of the
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
        CheckpointReader.readTopic(Topics.RAW_CATALOG_FILES_TOPIC, bootstrapServers,
                clientOverrides, registry, timeout, (key, event) -> {
                    // Keys are sightings (or, before contract v2, bare asset ids): one asset's records share a
                    // partition and are read in order, so the last one read is the latest.
                    String assetId = SightingKeys.assetId(key);
                    if (event == null) {
                        latest.remove(assetId);
                    } else if (profile.equals(event.getEnvelope().getProfile())
                            && scope.equals(event.getEnvelope().getScope())) {
                        latest.put(assetId, event);
                    }
                });
        return latest;
    }
}
