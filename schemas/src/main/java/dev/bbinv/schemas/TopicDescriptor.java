package dev.bbinv.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;

/**
 * One topic's contract: its name, the Avro class of its values, how it is created, and the serdes that read and
 * write it, so a producer or consumer takes the topic and cannot pair its name with the wrong class. Keys are
 * Avro strings (the asset id or sighting key) on every topic. Serdes are made per call; keep one per process.
 *
 * @param <V> the generated Avro class of the values
 */
public final class TopicDescriptor<V extends SpecificRecord> {
    /** How many partitions a topic gets when it is created. */
    public enum Partitions {
        /** The pipeline's partition count: topics keyed by asset, read in parallel. */
        PIPELINE,
        /** One: a topic read whole and in order (dead letters, checkpoints, the registry's own log). */
        SINGLE
    }

    private final String name;
    private final Class<V> valueType;
    private final boolean compacted;
    private final Partitions partitions;

    private TopicDescriptor(String name, Class<V> valueType, boolean compacted, Partitions partitions) {
        this.name = name;
        this.valueType = valueType;
        this.compacted = compacted;
        this.partitions = partitions;
    }

    /** A topic whose values are {@code valueType}. */
    public static <V extends SpecificRecord> TopicDescriptor<V> of(String name, Class<V> valueType, boolean compacted,
            Partitions partitions) {
        return new TopicDescriptor<>(name, java.util.Objects.requireNonNull(valueType, "valueType"), compacted,
                partitions);
    }

    /** A topic we create but whose records are not ours to read or write (the schema registry's log). */
    public static TopicDescriptor<SpecificRecord> untyped(String name, boolean compacted, Partitions partitions) {
        return new TopicDescriptor<>(name, null, compacted, partitions);
    }

    public String name() {
        return name;
    }

    /** The Avro class of the values, or null for an untyped topic. */
    public Class<V> valueType() {
        return valueType;
    }

    /** Keys are Avro strings on every topic. */
    public Class<String> keyType() {
        return String.class;
    }

    public boolean compacted() {
        return compacted;
    }

    public Partitions partitions() {
        return partitions;
    }

    /** How to create this topic when the pipeline runs with {@code pipelinePartitions} partitions. */
    public Topics.Spec spec(int pipelinePartitions) {
        return new Topics.Spec(name, partitions == Partitions.PIPELINE ? pipelinePartitions : 1, compacted);
    }

    public Serializer<String> keySerializer(SchemaRegistryClient registry) {
        return AvroSerdes.keySerializer(registry);
    }

    public Deserializer<String> keyDeserializer(SchemaRegistryClient registry) {
        return AvroSerdes.keyDeserializer(registry);
    }

    public Serde<String> keySerde(SchemaRegistryClient registry) {
        return AvroSerdes.key(registry);
    }

    public Serializer<V> valueSerializer(SchemaRegistryClient registry) {
        return AvroSerdes.valueSerializer(typed(), registry);
    }

    public Deserializer<V> valueDeserializer(SchemaRegistryClient registry) {
        return AvroSerdes.valueDeserializer(typed(), registry);
    }

    public Serde<V> valueSerde(SchemaRegistryClient registry) {
        return AvroSerdes.value(typed(), registry);
    }

    private Class<V> typed() {
        if (valueType == null) {
            throw new IllegalStateException("topic " + name + " has no Avro value type; its records are not ours");
        }
        return valueType;
    }

    @Override
    public String toString() {
        return name;
    }
}
