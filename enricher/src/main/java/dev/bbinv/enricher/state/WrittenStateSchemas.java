package dev.bbinv.enricher.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every state schema an enricher release has written, by fingerprint. State written by an earlier release is read by
 * resolving its schema into today's (fields added since take their defaults), so an upgrade keeps the enricher's
 * state instead of sending every asset it held to the dead-letter topic. When the state schema changes, its new form
 * is added to {@code written/} (a test fails until it is), so the release after it can read it too.
 */
final class WrittenStateSchemas {
    static final String FOLDER = "/dev/bbinv/enricher/state/written/";
    /** The files of {@link #FOLDER}: a class path folder cannot be listed from inside a jar. */
    static final List<String> FILES = List.of(
            "repository-state-0dd7875.avsc", "user-state-0dd7875.avsc",
            "repository-state-asset-attributes.avsc");

    private static final Map<Long, Schema> BY_FINGERPRINT = load();

    private WrittenStateSchemas() {}

    /** The schema state with this fingerprint was written with, or null when no release wrote it. */
    static Schema writer(long fingerprint) {
        return BY_FINGERPRINT.get(fingerprint);
    }

    static Map<Long, Schema> all() {
        return Map.copyOf(BY_FINGERPRINT);
    }

    private static Map<Long, Schema> load() {
        Map<Long, Schema> out = new HashMap<>();
        for (String file : FILES) {
            try (InputStream in = WrittenStateSchemas.class.getResourceAsStream(FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing state schema " + FOLDER + file);
                }
                // One parser per file: each file defines its own versions of the asset's named types.
                Schema schema = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                out.put(SchemaNormalization.parsingFingerprint64(schema), schema);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read state schema " + file, e);
            }
        }
        return out;
    }
}
