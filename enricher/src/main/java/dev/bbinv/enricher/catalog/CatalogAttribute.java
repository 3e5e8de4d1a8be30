package dev.bbinv.enricher.catalog;

/** The app context attributes taken from a catalog entity, with the override names profiles use and default paths. */
public enum CatalogAttribute {
    CATALOG_NAME("catalogName", "metadata.name"),
    TITLE("title", "metadata.title"),
    CATEGORY("category", "spec.type"),
    LIFECYCLE("lifecycle", "spec.lifecycle"),
    OWNER("owner", "spec.owner"),
    APPLICATION("application", "spec.system");

    private final String overrideName;
    private final AttributePath defaultPath;

    CatalogAttribute(String overrideName, String defaultPath) {
        this.overrideName = overrideName;
        this.defaultPath = AttributePath.parse(defaultPath);
    }

    /** The key of this attribute in {@code RawCatalogFileEvent.attributeKeys}. */
    public String overrideName() {
        return overrideName;
    }

    public AttributePath defaultPath() {
        return defaultPath;
    }
}
