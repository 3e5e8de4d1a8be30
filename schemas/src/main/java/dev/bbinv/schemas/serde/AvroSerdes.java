package dev.bbinv.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Kafka serdes for our topics in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) with
 * Confluent's topic name strategy for subjects, so any Confluent-compatible consumer can read what we write.
 * One serde per type per process is enough: they are thread safe and cache schema ids and readers.
 */
public final class AvroSerdes {
    static final String VALUE_SUFFIX = "-value";
    static final String KEY_SUFFIX = "-key";

    /** The schema keys are written with: plain Avro {@code "string"}, as other Confluent clients expect. */
    static final Schema KEY_WRITER_SCHEMA = Schema.create(Schema.Type.STRING);
    private static final Schema KEY_READER_SCHEMA = javaStringSchema();

    /** Values of the generated class {@code type}, registered under subject {@code <topic>-value}. */
    public static <T extends SpecificRecord> Serde<T> value(Class<T> type, SchemaRegistryClient registry) {
        return Serdes.serdeFrom(valueSerializer(type, registry), valueDeserializer(type, registry));
    }

    /** Keys as Avro {@code "string"}, registered under subject {@code <topic>-key}. */
    public static Serde<String> key(SchemaRegistryClient registry) {
        return Serdes.serdeFrom(keySerializer(registry), keyDeserializer(registry));
    }

    public static <T extends SpecificRecord> Serializer<T> valueSerializer(Class<T> type, SchemaRegistryClient registry) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        return new AvroWireSerializer<>(schema, new SpecificDatumWriter<>(schema, model), VALUE_SUFFIX, registry);
    }

    public static <T extends SpecificRecord> Deserializer<T> valueDeserializer(Class<T> type,
            SchemaRegistryClient registry) {
        SpecificData model = SpecificData.getForClass(type);
        Schema readerSchema = model.getSchema(type);
        return new AvroWireDeserializer<>(readerSchema.getFullName(),
                writer -> new SpecificDatumReader<>(writer, readerSchema, model), registry);
    }

    public static Serializer<String> keySerializer(SchemaRegistryClient registry) {
        return new AvroWireSerializer<>(KEY_WRITER_SCHEMA, new GenericDatumWriter<>(KEY_WRITER_SCHEMA), KEY_SUFFIX,
                registry);
    }

    public static Deserializer<String> keyDeserializer(SchemaRegistryClient registry) {
        AvroWireDeserializer<Object> objects = new AvroWireDeserializer<>("an Avro string key",
                writer -> new GenericDatumReader<>(writer, KEY_READER_SCHEMA), registry);
        return (topic, data) -> {
            Object key = objects.deserialize(topic, data);
            return key == null ? null : key.toString();
        };
    }

    private static Schema javaStringSchema() {
        Schema schema = Schema.create(Schema.Type.STRING);
        // Makes the reader return java.lang.String instead of Avro's Utf8.
        GenericData.setStringType(schema, GenericData.StringType.String);
        return schema;
    }

    private AvroSerdes() {}
}
