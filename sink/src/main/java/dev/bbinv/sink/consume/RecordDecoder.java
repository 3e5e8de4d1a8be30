package dev.bbinv.sink.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.SchemaRegistryUnavailableException;
import dev.bbinv.sink.mapping.AssetMapping;

/**
 * Turns one raw record of an inventory topic into a {@link Change}: Avro key and value through the schema
 * registry, then the pure mapping. A record that cannot be read or mapped is a {@link PoisonRecordException};
 * a registry that is down or refusing us is a {@link TransientDecodeException}, because the record itself is fine.
 */
public final class RecordDecoder {
    private final Deserializer<String> keys;
    private final Deserializer<RepositoryAsset> repositories;
    private final Deserializer<UserAsset> users;

    public RecordDecoder(SchemaRegistryClient registry) {
        this.keys = Topics.REPOSITORIES_TOPIC.keyDeserializer(registry);
        this.repositories = Topics.REPOSITORIES_TOPIC.valueDeserializer(registry);
        this.users = Topics.USERS_TOPIC.valueDeserializer(registry);
    }

    public Change decode(ConsumerRecord<byte[], byte[]> r) {
        String topic = r.topic();
        try {
            String key = keys.deserialize(topic, r.key());
            if (key == null) {
                throw new IllegalArgumentException("record has no key; inventory records are keyed by asset id");
            }
            if (Topics.REPOSITORIES_TOPIC.name().equals(topic)) {
                RepositoryAsset asset = repositories.deserialize(topic, r.value());
                return asset == null
                        ? new Change.RepositoryDelete(topic, r.partition(), r.offset(), key)
                        : new Change.RepositoryUpsert(topic, r.partition(), r.offset(), AssetMapping.toRecord(key, asset));
            }
            if (Topics.USERS_TOPIC.name().equals(topic)) {
                UserAsset asset = users.deserialize(topic, r.value());
                return asset == null
                        ? new Change.UserDelete(topic, r.partition(), r.offset(), key)
                        : new Change.UserUpsert(topic, r.partition(), r.offset(), AssetMapping.toRecord(key, asset));
            }
            throw new IllegalArgumentException("the sink does not read topic " + topic);
        } catch (RuntimeException e) {
            if (registryUnreachable(e)) {
                throw new TransientDecodeException("the schema registry could not be reached to read "
                        + topic + "-" + r.partition() + "@" + r.offset(), e);
            }
            throw new PoisonRecordException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /**
     * No answer, 401, 403, 408, 429 or a 5xx from the registry: an outage worth waiting for, unlike a 404 for an
     * unknown schema id, which is the record's own fault.
     */
    static boolean registryUnreachable(Throwable e) {
        return SchemaRegistryUnavailableException.isCause(e);
    }

    /** The record can never be applied; it goes to the dead-letter topic with this message as the reason. */
    public static final class PoisonRecordException extends RuntimeException {
        PoisonRecordException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The record could not be read now, but may be later. */
    public static final class TransientDecodeException extends RuntimeException {
        TransientDecodeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
