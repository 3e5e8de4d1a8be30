package dev.bbinv.enricher.topology;

import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.enricher.normalize.InvalidRawEventException;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;

/**
 * Reads keys and values of the enricher's input topics from bytes. The topology consumes bytes and decodes here,
 * inside the processor, so that a record that cannot be read becomes a dead letter instead of stopping the task.
 */
final class RecordDecoder {
    final Deserializer<String> keys;
    final Deserializer<RawRepositoryEvent> repositories;
    final Deserializer<RawUserEvent> users;
    final Deserializer<RawCatalogFileEvent> catalogFiles;
    final Deserializer<LanguageTagEvent> languageTags;
    final Deserializer<RawCommitActivityEvent> commits;
    final Deserializer<RepositoryClassEvent> classes;
    final Deserializer<RepositoryTagsEvent> repositoryTags;

    RecordDecoder(SchemaRegistryClient registry) {
        keys = Topics.RAW_REPOSITORIES_TOPIC.keyDeserializer(registry);
        repositories = Topics.RAW_REPOSITORIES_TOPIC.valueDeserializer(registry);
        users = Topics.RAW_USERS_TOPIC.valueDeserializer(registry);
        catalogFiles = Topics.RAW_CATALOG_FILES_TOPIC.valueDeserializer(registry);
        languageTags = Topics.LANGUAGE_TAGS_TOPIC.valueDeserializer(registry);
        commits = Topics.RAW_COMMITS_TOPIC.valueDeserializer(registry);
        classes = Topics.REPOSITORY_CLASSES_TOPIC.valueDeserializer(registry);
        repositoryTags = Topics.REPOSITORY_TAGS_TOPIC.valueDeserializer(registry);
    }

    /**
     * The asset id a record belongs to: raw topics are keyed by sighting (contract version 2, {@link SightingKeys})
     * or, as written before it, by the asset id itself; both are read, so topics written by an older release stay
     * valid input.
     */
    /** A record's key as written, and the asset id it names: decoded once per record. */
    record RawKey(String text, String assetId) {}

    RawKey key(String topic, byte[] key) {
        if (key == null) {
            throw new InvalidRawEventException("record has no key; the key must be the asset id");
        }
        String text = keys.deserialize(topic, key);
        if (text == null || text.isBlank()) {
            throw new InvalidRawEventException("record key is empty; the key must be the asset id");
        }
        try {
            return new RawKey(text, SightingKeys.assetId(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidRawEventException(e.getMessage(), e);
        }
    }

    /**
     * Checks that a sighting key names the profile and scope of the event it carries (compaction keeps one event per
     * key, so a key that lies would keep the wrong one); a version-1 key (the asset id) has nothing more to check.
     */
    void requireSightingOf(RawKey key, RawEnvelope envelope) {
        String text = key.text();
        if (!SightingKeys.isSightingKey(text)) {
            return;
        }
        SightingKeys.Key sighting = SightingKeys.parse(text);
        if (!sighting.profile().equals(envelope.getProfile()) || !sighting.scope().equals(envelope.getScope())) {
            throw new InvalidRawEventException("record key '" + text + "' names another sighting than its event's (profile '"
                    + envelope.getProfile() + "', scope '" + envelope.getScope() + "')");
        }
    }
}
