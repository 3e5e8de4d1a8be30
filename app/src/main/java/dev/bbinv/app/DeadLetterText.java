package dev.bbinv.app;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.WireFormat;

/** How {@code bbinv dlq} prints letters: a table for {@code list}, everything for {@code show}. */
final class DeadLetterText {
    private static final int REASON_CHARS = 160;
    private static final int HEX_BYTES = 64;

    private DeadLetterText() {}

    /** One line per letter under a header; pure. */
    static String table(List<DeadLetterQueue.Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-7s %-24s %-8s %-40s %-8s %s%n", "OFFSET", "FAILED-AT", "ROLE", "SOURCE", "REDRIVEN",
                "REASON"));
        for (DeadLetterQueue.Entry e : entries) {
            DeadLetter l = e.letter();
            String reason = l.getReason().replace('\n', ' ');
            if (reason.length() > REASON_CHARS) {
                reason = reason.substring(0, REASON_CHARS) + "...";
            }
            out.append(String.format("%-7d %-24s %-8s %-40s %-8s %s%n", e.offset(), l.getFailedAt(), l.getStage(),
                    DeadLetterQueue.source(l), e.redriven() ? "yes" : "no", reason));
        }
        out.append(entries.size()).append(" dead letter(s)").append(System.lineSeparator());
        return out.toString();
    }

    /** Every field, the key and value as base64, their first bytes as hex, and decoded where the registry can. */
    static String detail(DeadLetterQueue.Entry e, SchemaRegistryClient registry) {
        DeadLetter l = e.letter();
        StringBuilder out = new StringBuilder();
        line(out, "offset", Long.toString(e.offset()));
        line(out, "failed at", l.getFailedAt().toString());
        line(out, "role", l.getStage());
        line(out, "source", DeadLetterQueue.source(l));
        line(out, "reason", l.getReason());
        line(out, "exception", l.getExceptionClass() == null ? "-" : l.getExceptionClass());
        line(out, "redriven", e.redriven() ? "yes" : "no");
        payload(out, "key", DeadLetterQueue.bytes(l.getKey()), l.getSourceTopic(), registry);
        payload(out, "value", DeadLetterQueue.bytes(l.getValue()), l.getSourceTopic(), registry);
        return out.toString();
    }

    private static void payload(StringBuilder out, String name, byte[] bytes, String topic, SchemaRegistryClient registry) {
        if (bytes == null) {
            line(out, name, "(none)");
            return;
        }
        line(out, name + " bytes", Integer.toString(bytes.length));
        line(out, name + " base64", Base64.getEncoder().encodeToString(bytes));
        int shown = Math.min(bytes.length, HEX_BYTES);
        line(out, name + " hex", HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "..." : ""));
        line(out, name + " decoded", decode(bytes, topic, registry));
    }

    /** The bytes read with the writer schema they name, as Avro's JSON-like text, or why they cannot be. */
    static String decode(byte[] bytes, String topic, SchemaRegistryClient registry) {
        try {
            int id = WireFormat.schemaId(topic, bytes);
            Schema schema = registry.schemaById(id);
            Object datum = new GenericDatumReader<Object>(schema).read(null, DecoderFactory.get().binaryDecoder(
                    bytes, WireFormat.HEADER_LENGTH, bytes.length - WireFormat.HEADER_LENGTH, null));
            return String.valueOf(datum);
        } catch (IOException | RuntimeException e) {
            return "(cannot be decoded: " + e.getMessage() + ")";
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("%-15s %s%n", name + ":", value));
    }
}
