package dev.bbinv.connector.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a profile's {@code catalog} mapping: whether catalog files are read, which file (a relative path inside the
 * repository) and which of its attributes the enricher takes from where. Absent: catalog reading is off.
 */
final class CatalogSection {
    private static final Set<String> CATALOG_KEYS = Set.of("enabled", "file", "attributeKeys");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("catalogName", "title", "category", "lifecycle", "owner",
            "application");

    private CatalogSection() {}

    static CatalogSettings read(ProfileValues in) {
        Object value = in.profile().get("catalog");
        if (value == null) {
            return CatalogSettings.disabled();
        }
        if (!(value instanceof Map<?, ?> catalog)) {
            in.problem("catalog", "expected a mapping");
            return CatalogSettings.disabled();
        }
        in.unknownKeys(catalog, CATALOG_KEYS, "catalog.");
        boolean enabled = in.bool(catalog, "enabled", "catalog.enabled", true);
        String file = in.string(catalog, "file", "catalog.file");
        if (file != null && (file.isBlank() || file.startsWith("/") || file.contains(".."))) {
            in.problem("catalog.file", "'" + file + "' must be a relative path inside the repository");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Object attributes = catalog.get("attributeKeys");
        if (attributes instanceof Map<?, ?> map) {
            in.unknownKeys(map, ATTRIBUTE_KEYS, "catalog.attributeKeys.");
            for (Object key : map.keySet()) {
                String path = in.string(map, String.valueOf(key), "catalog.attributeKeys." + key);
                if (path != null && ATTRIBUTE_KEYS.contains(String.valueOf(key))) {
                    keys.put(String.valueOf(key), path);
                }
            }
        } else if (attributes != null) {
            in.problem("catalog.attributeKeys", "expected a mapping");
        }
        return new CatalogSettings(enabled, file == null ? CatalogSettings.DEFAULT_FILE : file.trim(), keys);
    }
}
