package dev.bbinv.schemas;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import dev.bbinv.schemas.TopicDescriptor.Partitions;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;

/**
 * Every topic of the pipeline, in one place: a {@link TopicDescriptor} per topic (name, value class, settings,
 * serdes) for producers and consumers, and the bare names for the places that only list or match topics.
 */
public final class Topics {
    public static final String RAW_REPOSITORIES = "bitbucket.raw.repositories";
    public static final String RAW_USERS = "bitbucket.raw.users";
    public static final String RAW_CATALOG_FILES = "bitbucket.raw.catalog-files";
    public static final String RAW_COMMITS = "bitbucket.raw.commits";
    public static final String LANGUAGE_TAGS = "inventory.language-tags";
    public static final String REPOSITORY_CLASSES = "inventory.repository-classes";
    public static final String REPOSITORY_TAGS = "inventory.repository-tags";
    public static final String REPOSITORIES = "inventory.repositories";
    public static final String USERS = "inventory.users";
    public static final String DLQ = "inventory.dlq";
    public static final String CONNECTOR_CHECKPOINTS = "bbinv.connector.checkpoints";
    public static final String SCHEMAS = "_bbinv_schemas";
    public static final String DLQ_REDRIVEN = "inventory.dlq-redriven";

    public static final TopicDescriptor<RawRepositoryEvent> RAW_REPOSITORIES_TOPIC =
            TopicDescriptor.of(RAW_REPOSITORIES, RawRepositoryEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<RawUserEvent> RAW_USERS_TOPIC =
            TopicDescriptor.of(RAW_USERS, RawUserEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<RawCatalogFileEvent> RAW_CATALOG_FILES_TOPIC =
            TopicDescriptor.of(RAW_CATALOG_FILES, RawCatalogFileEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<RawCommitActivityEvent> RAW_COMMITS_TOPIC =
            TopicDescriptor.of(RAW_COMMITS, RawCommitActivityEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<RepositoryClassEvent> REPOSITORY_CLASSES_TOPIC =
            TopicDescriptor.of(REPOSITORY_CLASSES, RepositoryClassEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<RepositoryTagsEvent> REPOSITORY_TAGS_TOPIC =
            TopicDescriptor.of(REPOSITORY_TAGS, RepositoryTagsEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<LanguageTagEvent> LANGUAGE_TAGS_TOPIC =
            TopicDescriptor.of(LANGUAGE_TAGS, LanguageTagEvent.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<RepositoryAsset> REPOSITORIES_TOPIC =
            TopicDescriptor.of(REPOSITORIES, RepositoryAsset.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<UserAsset> USERS_TOPIC =
            TopicDescriptor.of(USERS, UserAsset.class, true, Partitions.PIPELINE);
    public static final TopicDescriptor<DeadLetter> DLQ_TOPIC =
            TopicDescriptor.of(DLQ, DeadLetter.class, false, Partitions.SINGLE);
    public static final TopicDescriptor<ConnectorCheckpoint> CONNECTOR_CHECKPOINTS_TOPIC =
            TopicDescriptor.of(CONNECTOR_CHECKPOINTS, ConnectorCheckpoint.class, true, Partitions.SINGLE);
    public static final TopicDescriptor<SpecificRecord> SCHEMAS_TOPIC =
            TopicDescriptor.untyped(SCHEMAS, true, Partitions.SINGLE);

    /**
     * Markers of dead letters sent back to their topics (key: the letter's offset, value: plain text), written by
     * {@code bbinv dlq redrive} in the same transaction as the record it sends back; created by the first redrive.
     */
    public static final TopicDescriptor<SpecificRecord> DLQ_REDRIVEN_TOPIC =
            TopicDescriptor.untyped(DLQ_REDRIVEN, true, Partitions.SINGLE);

    /**
     * What the enricher reads: the sync waits until it has caught up with these, and a rebuild replays them. A topic
     * the enricher starts to read is added here and nowhere else.
     */
    public static final List<TopicDescriptor<?>> ENRICHER_INPUTS = List.of(RAW_REPOSITORIES_TOPIC, RAW_USERS_TOPIC,
            RAW_CATALOG_FILES_TOPIC, RAW_COMMITS_TOPIC, LANGUAGE_TAGS_TOPIC, REPOSITORY_CLASSES_TOPIC,
            REPOSITORY_TAGS_TOPIC);

    /** What the enricher writes and the sink reads. */
    public static final List<TopicDescriptor<?>> INVENTORY_TOPICS = List.of(REPOSITORIES_TOPIC, USERS_TOPIC);

    /** Every topic the pipeline creates, in the order they are created. */
    public static final List<TopicDescriptor<?>> DESCRIPTORS = List.of(RAW_REPOSITORIES_TOPIC, RAW_USERS_TOPIC,
            RAW_CATALOG_FILES_TOPIC, RAW_COMMITS_TOPIC, LANGUAGE_TAGS_TOPIC, REPOSITORY_CLASSES_TOPIC,
            REPOSITORY_TAGS_TOPIC, REPOSITORIES_TOPIC, USERS_TOPIC, DLQ_TOPIC,
            CONNECTOR_CHECKPOINTS_TOPIC, SCHEMAS_TOPIC);

    /** How one topic is created: compacted topics keep the latest state per key, the others keep a log. */
    public record Spec(String name, int partitions, boolean compacted) {
        public Map<String, String> configs() {
            return compacted ? Map.of("cleanup.policy", "compact") : Map.of("cleanup.policy", "delete");
        }
    }

    /** The names of these topics, in order: for the places that list topics (lag, status) rather than read them. */
    public static List<String> names(List<TopicDescriptor<?>> topics) {
        return topics.stream().map(TopicDescriptor::name).toList();
    }

    /** The topics the pipeline needs, with partition counts that suit a small cluster; ops may create more partitions. */
    public static List<Spec> all(int partitions) {
        return DESCRIPTORS.stream().map(d -> d.spec(partitions)).toList();
    }

    private Topics() {}
}
