package dev.bbinv.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;

/**
 * Reads Confluent-wire-format records: fetches the writer schema by the id in the header (once per id) and resolves
 * it against the reader's schema, so records written with an older or newer compatible schema read fine. Thread
 * safe; null stays null. Every failure is a {@link SerializationException} that says which topic and why, because
 * that message is what ends up in the dead letter queue; a registry that is down or refusing us is a
 * {@link SchemaRegistryUnavailableException} instead, which is not the record's fault.
 */
final class AvroWireDeserializer<T> implements Deserializer<T> {
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final String readerName;
    private final Function<Schema, DatumReader<T>> readerForWriterSchema;
    private final SchemaRegistryClient registry;
    private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();

    /**
     * @param readerName           what the reader produces, for messages (e.g. the record's full name)
     * @param readerForWriterSchema makes the datum reader that resolves a given writer schema to the reader's
     */
    AvroWireDeserializer(String readerName, Function<Schema, DatumReader<T>> readerForWriterSchema,
            SchemaRegistryClient registry) {
        this.readerName = readerName;
        this.readerForWriterSchema = readerForWriterSchema;
        this.registry = registry;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<T> reader = readerFor(topic, id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                    data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, DECODERS.get());
            DECODERS.set(decoder);
            return reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerializationException("record from topic " + topic + " is truncated: its " + data.length
                    + " bytes end before a complete Avro body of writer schema id " + id, e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read the record from topic " + topic + " (writer schema id " + id
                    + ") as " + readerName + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<T> readerFor(String topic, int id) {
        DatumReader<T> reader = readersById.get(id);
        if (reader != null) {
            return reader;
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isOutage()) {
                throw new SchemaRegistryUnavailableException("cannot read the record from topic " + topic
                        + " now: the schema registry did not give writer schema id " + id + ": " + e.getMessage(), e);
            }
            throw new SerializationException("record from topic " + topic + " names writer schema id " + id
                    + " that the schema registry cannot give: " + e.getMessage(), e);
        }
        try {
            reader = readerForWriterSchema.apply(writer);
        } catch (RuntimeException e) {
            throw new SerializationException("record from topic " + topic + " has writer schema id " + id
                    + " that cannot be read as " + readerName + ": " + e.getMessage(), e);
        }
        readersById.put(id, reader);
        return reader;
    }
}
