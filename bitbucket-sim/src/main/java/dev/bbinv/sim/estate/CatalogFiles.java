package dev.bbinv.sim.estate;

/** Renders the catalog-info.yaml text of each {@link CatalogKind} for one repository; pure. */
public final class CatalogFiles {
    private static final String[] OWNERS = {"group:default/payments-team", "platform-team", "group:data-team",
            "user:default/jdoe", "checkout-squad", "group:finance/ledger-team"};
    private static final String[] SYSTEMS = {"payments", "identity", "search", "storefront", "analytics"};
    private static final String[] TYPES = {"service", "website", "library"};
    private static final String[] LIFECYCLES = {"production", "experimental", "deprecated"};

    private CatalogFiles() {
    }

    /** The file text for {@code kind}, or null for {@link CatalogKind#ABSENT}; {@code pick} varies owner/system. */
    public static String render(CatalogKind kind, String componentName, String title, int pick) {
        int p = Math.abs(pick);
        return switch (kind) {
            case ABSENT -> null;
            case VALID -> component(componentName, title, TYPES[p % TYPES.length], LIFECYCLES[p % LIFECYCLES.length],
                    OWNERS[p % OWNERS.length], SYSTEMS[p % SYSTEMS.length]);
            case MULTI_DOCUMENT -> component(componentName, title, "service", "production",
                    OWNERS[p % OWNERS.length], SYSTEMS[p % SYSTEMS.length])
                    + "  providesApis: [" + componentName + "-api]\n"
                    + "---\n"
                    + "apiVersion: backstage.io/v1alpha1\n"
                    + "kind: API\n"
                    + "metadata:\n"
                    + "  name: " + componentName + "-api\n"
                    + "spec:\n"
                    + "  type: openapi\n"
                    + "  lifecycle: production\n"
                    + "  owner: " + OWNERS[p % OWNERS.length] + "\n"
                    + "  definition: |\n"
                    + "    openapi: 3.0.0\n";
            case INVALID_YAML -> "apiVersion: backstage.io/v1alpha1\n"
                    + "kind: Component\n"
                    + "metadata:\n"
                    + "  name: " + componentName + "\n"
                    + "  tags: [unclosed, list\n"
                    + "spec: {type: service\n";
            case MISSING_FIELDS -> "apiVersion: backstage.io/v1alpha1\n"
                    + "kind: Component\n"
                    + "metadata:\n"
                    + "  name: " + componentName + "\n"
                    + "spec:\n"
                    + "  type: service\n";
        };
    }

    private static String component(String name, String title, String type, String lifecycle, String owner,
                                    String system) {
        return "apiVersion: backstage.io/v1alpha1\n"
                + "kind: Component\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  title: " + title + "\n"
                + "spec:\n"
                + "  type: " + type + "\n"
                + "  lifecycle: " + lifecycle + "\n"
                + "  owner: " + owner + "\n"
                + "  system: " + system + "\n";
    }
}
