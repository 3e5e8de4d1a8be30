package dev.bbinv.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

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

class TopicsTest {
    @Test
    void theCreatedTopicsComeFromTheDescriptorsWithTheNamesAndSettingsTheyAlwaysHad() {
        assertEquals(List.of(
                new Topics.Spec("bitbucket.raw.repositories", 6, true),
                new Topics.Spec("bitbucket.raw.users", 6, true),
                new Topics.Spec("bitbucket.raw.catalog-files", 6, true),
                new Topics.Spec("bitbucket.raw.commits", 6, true),
                new Topics.Spec("inventory.language-tags", 6, true),
                new Topics.Spec("inventory.repository-classes", 6, true),
                new Topics.Spec("inventory.repository-tags", 6, true),
                new Topics.Spec("inventory.repositories", 6, true),
                new Topics.Spec("inventory.users", 6, true),
                new Topics.Spec("inventory.dlq", 1, false),
                new Topics.Spec("bbinv.connector.checkpoints", 1, true),
                new Topics.Spec("_bbinv_schemas", 1, true)), Topics.all(6));
    }

    @Test
    void eachTopicNamesTheAvroClassOfItsValues() {
        assertEquals(List.of(RawRepositoryEvent.class, RawUserEvent.class, RawCatalogFileEvent.class,
                RawCommitActivityEvent.class, LanguageTagEvent.class, RepositoryClassEvent.class,
                RepositoryTagsEvent.class, RepositoryAsset.class, UserAsset.class, DeadLetter.class,
                ConnectorCheckpoint.class), Topics.DESCRIPTORS.stream().map(TopicDescriptor::valueType)
                        .filter(java.util.Objects::nonNull).toList());
        assertEquals(Topics.REPOSITORIES, Topics.REPOSITORIES_TOPIC.name());
        assertEquals(Topics.DLQ, Topics.DLQ_TOPIC.toString());
    }
}
