package dev.bbinv.connector.config;

import java.util.Map;

/** A profile's Backstage catalog settings: whether to fetch, which file, and per-attribute key overrides. */
public record CatalogSettings(boolean enabled, String fileName, Map<String, String> attributeKeys) {
    public static final String DEFAULT_FILE = "catalog-info.yaml";

    public CatalogSettings {
        attributeKeys = Map.copyOf(attributeKeys);
    }

    public static CatalogSettings disabled() {
        return new CatalogSettings(false, DEFAULT_FILE, Map.of());
    }
}
