package dev.bbinv.stack.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * What the registry knows (subjects, their versions, global ids by schema) and the rules for a new registration.
 * Pure and not thread safe: the caller serialises access and persists a {@link SchemaRecord} before applying it.
 * Schemas are identified by Avro's normalised JSON ({@link Schema#toString()} of the parsed schema), so whitespace
 * and key order do not change identity, while defaults and docs (which Parsing Canonical Form drops) still do.
 */
final class RegistryState {
    private final Map<String, TreeMap<Integer, SchemaRecord>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private int nextId = 1;

    /** The outcome of a registration: an existing id, or a new version to persist and then {@link #apply}. */
    record Registration(int id, Optional<SchemaRecord> newVersion) {}

    /** Parses {@code schemaText} as Avro and returns its canonical text. */
    static String canonical(String schemaText) {
        return parse(schemaText).toString();
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            // Avro reports bad defaults and similar as AvroRuntimeException subclasses.
            throw RegistryError.invalidSchema(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Decides what registering {@code schemaText} under {@code subject} means, without changing anything. */
    Registration plan(String subject, String schemaText, Compatibility compatibility) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
        if (versions != null) {
            for (SchemaRecord existing : versions.values()) {
                if (existing.schema().equals(canonical)) {
                    return new Registration(existing.id(), Optional.empty());
                }
            }
            if (compatibility == Compatibility.BACKWARD) {
                checkBackward(subject, schema, versions.lastEntry().getValue());
            }
        }
        int id = idsBySchema.getOrDefault(canonical, nextId);
        int version = versions == null ? 1 : versions.lastKey() + 1;
        return new Registration(id, Optional.of(new SchemaRecord(subject, version, id, canonical)));
    }

    private static void checkBackward(String subject, Schema candidate, SchemaRecord latest) {
        Schema previous = new Schema.Parser().parse(latest.schema());
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            List<String> details = new ArrayList<>();
            for (SchemaCompatibility.Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                details.add("{" + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                        + incompatibility.getMessage() + "}");
            }
            throw RegistryError.incompatible(subject, "the new schema cannot read data written with version "
                    + latest.version() + " " + details);
        }
    }

    /** Records a version, from a registration or from replaying the store. Replays are idempotent. */
    void apply(SchemaRecord record) {
        subjects.computeIfAbsent(record.subject(), s -> new TreeMap<>()).put(record.version(), record);
        schemasById.put(record.id(), record.schema());
        idsBySchema.putIfAbsent(record.schema(), record.id());
        nextId = Math.max(nextId, record.id() + 1);
    }

    List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    List<Integer> versions(String subject) {
        return List.copyOf(versionsOf(subject).keySet());
    }

    /** The version {@code version} ("latest" or a positive number) of {@code subject}. */
    SchemaRecord version(String subject, String version) {
        TreeMap<Integer, SchemaRecord> versions = versionsOf(subject);
        if (version.equals("latest") || version.equals("-1")) {
            return versions.lastEntry().getValue();
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(version);
        }
        if (number < 1) {
            throw RegistryError.invalidVersion(version);
        }
        SchemaRecord record = versions.get(number);
        if (record == null) {
            throw RegistryError.versionNotFound(subject, version);
        }
        return record;
    }

    /** The version of {@code subject} that holds {@code schemaText}, as Confluent's {@code POST /subjects/{s}}. */
    SchemaRecord lookup(String subject, String schemaText) {
        TreeMap<Integer, SchemaRecord> versions = versionsOf(subject);
        String canonical = canonical(schemaText);
        for (SchemaRecord record : versions.values()) {
            if (record.schema().equals(canonical)) {
                return record;
            }
        }
        throw new RegistryError(404, 40403, "Schema not found under subject '" + subject + "'");
    }

    String schemaById(int id) {
        String schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaNotFound(String.valueOf(id));
        }
        return schema;
    }

    private TreeMap<Integer, SchemaRecord> versionsOf(String subject) {
        TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }
}
