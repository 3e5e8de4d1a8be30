package dev.bbinv.enricher.catalog;

/**
 * How much a catalog file may ask of the parser, so that a hostile or broken file is a recorded error and not an
 * outage: its size in UTF-8 bytes, the nesting depth of collections, the number of aliases to collections (what a
 * "billion laughs" bomb multiplies) and the number of YAML documents.
 */
public record CatalogLimits(int maxBytes, int maxDepth, int maxAliases, int maxDocuments) {
    public static final CatalogLimits DEFAULTS = new CatalogLimits(1024 * 1024, 50, 50, 20);

    public CatalogLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxAliases < 0 || maxDocuments < 1) {
            throw new IllegalArgumentException("catalog limits must be positive: " + maxBytes + ", " + maxDepth
                    + ", " + maxAliases + ", " + maxDocuments);
        }
    }
}
