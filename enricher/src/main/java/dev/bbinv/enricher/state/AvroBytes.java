package dev.bbinv.enricher.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
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
    private final Schema schema;
    private final SpecificData model;
    private final Set<Schema.Field> ignored;
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
        this.schema = schema;
        this.model = SpecificData.getForClass(type);
        this.ignored = fields;
        this.writer = new Writer<>(schema, model, fields);
    }

    /**
     * Whether {@link #of} would give {@code a} and {@code b} the same bytes, decided by walking both records along the
     * schema as the writer does (the same union branches, logical types by their written raw value, collections in
     * their order) without encoding either: comparing every rebuilt asset with the last one by encoding both cost a
     * tenth of the enricher's time.
     */
    boolean same(R a, R b) {
        return sameValue(schema, a, b);
    }

    private boolean sameValue(Schema s, Object a, Object b) {
        if (a == b && s.getType() != Schema.Type.UNION) {
            return true;
        }
        switch (s.getType()) {
            case RECORD: {
                IndexedRecord ra = (IndexedRecord) a;
                IndexedRecord rb = (IndexedRecord) b;
                for (Schema.Field f : s.getFields()) {
                    if (!ignored.contains(f) && !sameValue(f.schema(), ra.get(f.pos()), rb.get(f.pos()))) {
                        return false;
                    }
                }
                return true;
            }
            case UNION: {
                int branch = model.resolveUnion(s, a);
                return branch == model.resolveUnion(s, b) && sameValue(s.getTypes().get(branch), a, b);
            }
            case ARRAY: {
                Collection<?> ca = (Collection<?>) a;
                Collection<?> cb = (Collection<?>) b;
                if (ca.size() != cb.size()) {
                    return false;
                }
                Iterator<?> ib = cb.iterator();
                for (Object item : ca) {
                    if (!sameValue(s.getElementType(), item, ib.next())) {
                        return false;
                    }
                }
                return true;
            }
            case MAP: {
                Map<?, ?> ma = (Map<?, ?>) a;
                Map<?, ?> mb = (Map<?, ?>) b;
                if (ma.size() != mb.size()) {
                    return false;
                }
                Iterator<? extends Map.Entry<?, ?>> ib = mb.entrySet().iterator();
                for (Map.Entry<?, ?> ea : ma.entrySet()) {
                    Map.Entry<?, ?> eb = ib.next(); // written in iteration order, so compared in it
                    if (!ea.getKey().toString().equals(eb.getKey().toString())
                            || !sameValue(s.getValueType(), ea.getValue(), eb.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            case STRING:
            case ENUM:
                return a.toString().equals(b.toString());
            case FIXED:
                return Arrays.equals(((GenericFixed) a).bytes(), ((GenericFixed) b).bytes());
            case NULL:
                return true;
            default:
                // Scalars: logical types (e.g. an Instant, written as its epoch milliseconds) by their raw value.
                return raw(s, a).equals(raw(s, b));
        }
    }

    private Object raw(Schema s, Object datum) {
        LogicalType logicalType = s.getLogicalType();
        if (logicalType == null) {
            return datum;
        }
        Conversion<?> conversion = model.getConversionByClass(datum.getClass(), logicalType);
        return conversion == null ? datum : Conversions.convertToRawType(datum, s, logicalType, conversion);
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
