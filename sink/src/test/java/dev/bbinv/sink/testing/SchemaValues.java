package dev.bbinv.sink.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import dev.bbinv.sink.db.Timestamps;

/**
 * Builds a record with a distinct, non-default value in every field of any schema, and lists every leaf of it
 * by path ({@code source.baseUrl}, {@code languages[].raw}) with its expected text, so a test can walk a schema
 * instead of naming its fields, and a field added to the schema is seen without editing the test's generator.
 * Arrays get one element; a union with null gets its other branch; booleans the opposite of their default;
 * enums a symbol other than their default.
 */
public final class SchemaValues {
    private int counter;
    private final Map<String, String> leaves = new LinkedHashMap<>();

    private SchemaValues() {}

    /** A value of {@code type} with every field set, read back as its generated class. */
    public static <T extends SpecificRecord> Generated<T> of(Class<T> type, Schema schema) {
        SchemaValues values = new SchemaValues();
        GenericRecord generic = (GenericRecord) values.value(schema, null, "");
        return new Generated<>(specific(type, schema, generic), Map.copyOf(values.leaves));
    }

    /** The record and its leaves: path (arrays as {@code []}) to the expected text of the value. */
    public record Generated<T>(T record, Map<String, String> leaves) {}

    private Object value(Schema schema, Object fieldDefault, String path) {
        switch (schema.getType()) {
            case RECORD:
                GenericData.Record r = new GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) {
                    String p = path.isEmpty() ? f.name() : path + "." + f.name();
                    r.put(f.name(), value(f.schema(), f.hasDefaultValue() ? f.defaultVal() : null, p));
                }
                return r;
            case UNION:
                Schema branch = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(path + ": only null"));
                return value(branch, null, path);
            case ARRAY:
                List<Object> items = new ArrayList<>();
                items.add(value(schema.getElementType(), null, path + "[]"));
                return items;
            case ENUM:
                String symbol = schema.getEnumSymbols().stream().filter(s -> !s.equals(schema.getEnumDefault()))
                        .reduce((a, b) -> b).orElseThrow();
                leaves.put(path, symbol);
                return new GenericData.EnumSymbol(schema, symbol);
            case BOOLEAN:
                boolean b = !Boolean.TRUE.equals(fieldDefault);
                leaves.put(path, String.valueOf(b));
                return b;
            case LONG:
                long n = ++counter;
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    long millis = 1_780_000_000_000L + n * 86_400_123L;
                    leaves.put(path, Timestamps.format(Instant.ofEpochMilli(millis)));
                    return millis;
                }
                leaves.put(path, String.valueOf(1000 + n));
                return 1000 + n;
            case INT:
                int i = 1000 + ++counter;
                leaves.put(path, String.valueOf(i));
                return i;
            case STRING:
                String s = "v" + ++counter + "-" + path.replace("[]", "").replace('.', '-');
                leaves.put(path, s);
                return s;
            default:
                throw new IllegalArgumentException(path + ": no generator for Avro type " + schema.getType()
                        + "; add one to SchemaValues");
        }
    }

    private static <T extends SpecificRecord> T specific(Class<T> type, Schema schema, GenericRecord generic) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(schema).write(generic, encoder);
            encoder.flush();
            return new SpecificDatumReader<>(type).read(null,
                    DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
