package dev.bbinv.schemas;

import java.util.List;
import java.util.Map;

/** Every topic name of the pipeline, in one place, with the settings each is created with. */
public final class Topics {
    public static final String RAW_REPOSITORIES = "bitbucket.raw.repositories";
    public static final String RAW_USERS = "bitbucket.raw.users";
    public static final String RAW_CATALOG_FILES = "bitbucket.raw.catalog-files";
    public static final String LANGUAGE_TAGS = "inventory.language-tags";
    public static final String REPOSITORIES = "inventory.repositories";
    public static final String USERS = "inventory.users";
    public static final String DLQ = "inventory.dlq";
    public static final String CONNECTOR_CHECKPOINTS = "bbinv.connector.checkpoints";
    public static final String SCHEMAS = "_bbinv_schemas";

    /** How one topic is created: compacted topics keep the latest state per key, the others keep a log. */
    public record Spec(String name, int partitions, boolean compacted) {
        public Map<String, String> configs() {
            return compacted ? Map.of("cleanup.policy", "compact") : Map.of("cleanup.policy", "delete");
        }
    }

    /** The topics the pipeline needs, with partition counts that suit a small cluster; ops may create more partitions. */
    public static List<Spec> all(int partitions) {
        return List.of(
                new Spec(RAW_REPOSITORIES, partitions, true),
                new Spec(RAW_USERS, partitions, true),
                new Spec(RAW_CATALOG_FILES, partitions, true),
                new Spec(LANGUAGE_TAGS, partitions, true),
                new Spec(REPOSITORIES, partitions, true),
                new Spec(USERS, partitions, true),
                new Spec(DLQ, 1, false),
                new Spec(CONNECTOR_CHECKPOINTS, 1, true),
                new Spec(SCHEMAS, 1, true));
    }

    private Topics() {}
}
