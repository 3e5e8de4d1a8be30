package dev.bbinv.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;

/**
 * Writes values of one Avro schema in the Confluent wire format, registering the schema once per topic under
 * {@code <topic><subjectSuffix>} (Confluent's topic name strategy). Thread safe; null stays null (a tombstone).
 */
final class AvroWireSerializer<T> implements Serializer<T> {
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();
    /** Our records are a few hundred bytes; starting there avoids most buffer growth. */
    private static final int INITIAL_BUFFER_BYTES = 512;

    private final Schema schema;
    private final DatumWriter<T> writer;
    private final String subjectSuffix;
    private final SchemaRegistryClient registry;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    AvroWireSerializer(Schema schema, DatumWriter<T> writer, String subjectSuffix, SchemaRegistryClient registry) {
        this.schema = schema;
        this.writer = writer;
        this.subjectSuffix = subjectSuffix;
        this.registry = registry;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = schemaIdFor(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        // Room for the header, filled in below once the body is written.
        out.write(new byte[WireFormat.HEADER_LENGTH], 0, WireFormat.HEADER_LENGTH);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write a " + schema.getFullName() + " for topic " + topic
                    + " as Avro: " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, id);
        return bytes;
    }

    private int schemaIdFor(String topic) {
        Integer id = idsByTopic.get(topic);
        if (id != null) {
            return id;
        }
        String subject = topic + subjectSuffix;
        try {
            id = registry.register(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot register the schema " + schema.getFullName() + " under subject "
                    + subject + ": " + e.getMessage(), e);
        }
        idsByTopic.put(topic, id);
        return id;
    }
}
