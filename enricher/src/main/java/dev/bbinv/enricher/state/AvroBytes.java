package dev.bbinv.enricher.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary of a generated record, for comparing two records by content: the generated {@code equals}
 * cannot be trusted with logical-type fields, the bytes can.
 */
final class AvroBytes {

    private AvroBytes() {}

    static byte[] of(SpecificRecord record) {
        SpecificData model = SpecificData.getForClass(record.getClass());
        SpecificDatumWriter<SpecificRecord> writer = new SpecificDatumWriter<>(record.getSchema(), model);
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
}
