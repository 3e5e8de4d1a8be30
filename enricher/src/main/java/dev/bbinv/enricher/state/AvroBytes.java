package dev.bbinv.enricher.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary of a generated record, leaving out some of its top-level fields, for comparing two records by
 * content: the generated {@code equals} cannot be trusted with logical-type fields, the bytes can. Leaving fields out
 * while writing spares the copies a builder would make to blank them. Thread-safe.
 */
final class AvroBytes<R extends SpecificRecord> {
    private final Writer<R> writer;

    /** Bytes of records of {@code schema} without the top-level fields named {@code ignored}. */
    AvroBytes(Schema schema, Class<R> type, String... ignored) {
        Set<Schema.Field> fields = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : ignored) {
            Schema.Field field = schema.getField(name);
            if (field == null) {
                throw new IllegalArgumentException(schema.getFullName() + " has no field " + name);
            }
            fields.add(field);
        }
        this.writer = new Writer<>(schema, SpecificData.getForClass(type), fields);
    }

    byte[] of(R record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }

    private static final class Writer<R> extends SpecificDatumWriter<R> {
        private final Set<Schema.Field> ignored;

        Writer(Schema schema, SpecificData model, Set<Schema.Field> ignored) {
            super(schema, model);
            this.ignored = ignored;
        }

        @Override
        protected void writeField(Object datum, Schema.Field f, Encoder out, Object state) throws IOException {
            if (!ignored.contains(f)) {
                super.writeField(datum, f, out, state);
            }
        }
    }
}
