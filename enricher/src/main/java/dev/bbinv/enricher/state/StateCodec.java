package dev.bbinv.enricher.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import dev.bbinv.enricher.activity.CommitRead;
import dev.bbinv.enricher.policy.ManualClass;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;

/**
 * Bytes of the enricher's state store values: one format byte, the 64-bit fingerprint of the state schema, then Avro
 * binary of a wrapper record that embeds the published asset schemas. The store and its changelog are private to the
 * enricher, so no registry is involved; the fingerprint makes an enricher whose asset schemas changed refuse an old
 * changelog clearly instead of misreading it.
 */
public final class StateCodec {
    private static final byte FORMAT_V1 = 1;
    private static final String NS = "dev.bbinv.enricher.state.stored";

    private static final Schema SIGHTING = SchemaBuilder.record("StoredSighting").namespace(NS).fields()
            .requiredString("profile").requiredString("scope").endRecord();
    // The asset's own Developer schema (one definition of the name inside the state schema).
    private static final Schema DEVELOPER =
            RepositoryAsset.getClassSchema().getField("developers").schema().getElementType();
    private static final Schema COMMIT_READ = SchemaBuilder.record("StoredCommitRead").namespace(NS).fields()
            .requiredString("profile")
            .requiredLong("fetchedAt")
            .optionalLong("lastCommitAt")
            .name("developers").type().array().items(DEVELOPER).noDefault()
            .endRecord();
    private static final Schema MANUAL_CLASS = SchemaBuilder.record("StoredManualClass").namespace(NS).fields()
            .requiredString("assetClass")
            .requiredBoolean("locked")
            .optionalString("policyAtSet")
            .endRecord();
    static final Schema REPOSITORY_STATE = SchemaBuilder.record("RepositoryStateV1").namespace(NS).fields()
            .name("asset").type(nullable(RepositoryAsset.getClassSchema())).withDefault(null)
            .name("sightings").type().array().items(SIGHTING).noDefault()
            .requiredLong("factsAt")
            .requiredLong("lastEmittedSeen")
            .optionalString("bitbucketLanguage")
            .name("manualLanguages").type().array().items().stringType().noDefault()
            .name("appContext").type(nullable(AppContext.getClassSchema())).withDefault(null)
            .name("commitReads").type().array().items(COMMIT_READ).arrayDefault(List.of())
            .name("manualClass").type(nullable(MANUAL_CLASS)).withDefault(null)
            .name("manualTags").type().array().items().stringType().arrayDefault(List.of())
            .optionalLong("recheckAt")
            .endRecord();
    static final Schema USER_STATE = SchemaBuilder.record("UserStateV1").namespace(NS).fields()
            .name("asset").type(nullable(UserAsset.getClassSchema())).withDefault(null)
            .name("sightings").type().array().items(SIGHTING).noDefault()
            .requiredLong("factsAt")
            .requiredLong("lastEmittedSeen")
            .endRecord();

    // The generated classes' own model carries the timestamp conversions their Instant fields need.
    private static final SpecificData MODEL = SpecificData.getForClass(RepositoryAsset.class);
    private static final int HEADER = 9;
    // Computed once: canonicalising and hashing the schema on every record cost more than the Avro coding itself.
    private static final long REPOSITORY_FINGERPRINT = SchemaNormalization.parsingFingerprint64(REPOSITORY_STATE);
    private static final long USER_FINGERPRINT = SchemaNormalization.parsingFingerprint64(USER_STATE);
    // Per thread (a stream thread codes one record at a time): the writers, readers and coders are reused, not
    // rebuilt per record.
    private static final ThreadLocal<Coders> CODERS = ThreadLocal.withInitial(Coders::new);

    private StateCodec() {}

    public static byte[] encode(RepositoryState state) {
        GenericRecord r = new GenericData.Record(REPOSITORY_STATE);
        r.put("asset", state.asset());
        r.put("sightings", sightings(state.sightings()));
        r.put("factsAt", state.factsAt().toEpochMilli());
        r.put("lastEmittedSeen", state.lastEmittedSeen().toEpochMilli());
        r.put("bitbucketLanguage", state.bitbucketLanguage());
        r.put("manualLanguages", new ArrayList<>(state.manualLanguages()));
        r.put("appContext", state.appContext());
        r.put("commitReads", commitReads(state.commitReads().values()));
        r.put("manualClass", manualClass(state.manualClass()));
        r.put("manualTags", new ArrayList<>(state.manualTags()));
        r.put("recheckAt", state.recheckAt() == null ? null : state.recheckAt().toEpochMilli());
        return write(REPOSITORY_STATE, REPOSITORY_FINGERPRINT, r);
    }

    public static RepositoryState decodeRepository(byte[] bytes) {
        GenericRecord r = read(REPOSITORY_STATE, REPOSITORY_FINGERPRINT, bytes);
        return new RepositoryState(
                (RepositoryAsset) r.get("asset"),
                sightings(r.get("sightings")),
                Instant.ofEpochMilli((Long) r.get("factsAt")),
                Instant.ofEpochMilli((Long) r.get("lastEmittedSeen")),
                r.get("bitbucketLanguage") == null ? null : r.get("bitbucketLanguage").toString(),
                strings(r.get("manualLanguages")),
                (AppContext) r.get("appContext"),
                commitReads(r.get("commitReads")),
                manualClass((GenericRecord) r.get("manualClass")),
                strings(r.get("manualTags")),
                r.get("recheckAt") == null ? null : Instant.ofEpochMilli((Long) r.get("recheckAt")));
    }

    public static byte[] encode(UserState state) {
        GenericRecord r = new GenericData.Record(USER_STATE);
        r.put("asset", state.asset());
        r.put("sightings", sightings(state.sightings()));
        r.put("factsAt", state.factsAt().toEpochMilli());
        r.put("lastEmittedSeen", state.lastEmittedSeen().toEpochMilli());
        return write(USER_STATE, USER_FINGERPRINT, r);
    }

    public static UserState decodeUser(byte[] bytes) {
        GenericRecord r = read(USER_STATE, USER_FINGERPRINT, bytes);
        return new UserState(
                (UserAsset) r.get("asset"),
                sightings(r.get("sightings")),
                Instant.ofEpochMilli((Long) r.get("factsAt")),
                Instant.ofEpochMilli((Long) r.get("lastEmittedSeen")));
    }

    private static byte[] write(Schema schema, long fingerprint, GenericRecord record) {
        Coders coders = CODERS.get();
        ByteArrayOutputStream out = coders.out;
        out.reset();
        out.write(FORMAT_V1);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (fingerprint >>> shift));
        }
        coders.encoder = EncoderFactory.get().binaryEncoder(out, coders.encoder);
        try {
            coders.writer(schema).write(record, coders.encoder);
            coders.encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode enricher state " + schema.getName(), e);
        }
        return out.toByteArray();
    }

    private static GenericRecord read(Schema schema, long fingerprint, byte[] bytes) {
        long written = bytes.length < HEADER || bytes[0] != FORMAT_V1 ? 0 : ByteBuffer.wrap(bytes, 1, 8).getLong();
        Schema writer = written == fingerprint ? schema : WrittenStateSchemas.writer(written);
        if (writer == null || !writer.getName().equals(schema.getName())) {
            throw new UnreadableStateException("the enricher's stored state was written by an enricher with other asset "
                    + "schemas (" + schema.getName() + " format or fingerprint differs); reset the enricher "
                    + "application (bbinv rebuild) so it rebuilds its state from the raw topics", null);
        }
        Coders coders = CODERS.get();
        try {
            coders.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, coders.decoder);
            return coders.reader(schema, writer, written).read(null, coders.decoder);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableStateException("cannot decode enricher state " + schema.getName(), e);
        }
    }

    /** One thread's reusable Avro machinery for the two state schemas. */
    private static final class Coders {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        final SpecificDatumWriter<GenericRecord> repositoryWriter = new SpecificDatumWriter<>(REPOSITORY_STATE, MODEL);
        final SpecificDatumWriter<GenericRecord> userWriter = new SpecificDatumWriter<>(USER_STATE, MODEL);
        final SpecificDatumReader<GenericRecord> repositoryReader =
                new SpecificDatumReader<>(REPOSITORY_STATE, REPOSITORY_STATE, MODEL);
        final SpecificDatumReader<GenericRecord> userReader = new SpecificDatumReader<>(USER_STATE, USER_STATE, MODEL);
        BinaryEncoder encoder;
        BinaryDecoder decoder;

        SpecificDatumWriter<GenericRecord> writer(Schema schema) {
            return schema == REPOSITORY_STATE ? repositoryWriter : userWriter;
        }

        /** State written by an earlier release, resolved into today's schema; one reader per written schema. */
        final Map<Long, SpecificDatumReader<GenericRecord>> earlierReaders = new HashMap<>();

        SpecificDatumReader<GenericRecord> reader(Schema schema, Schema writer, long written) {
            if (writer != schema) {
                return earlierReaders.computeIfAbsent(written, w -> new SpecificDatumReader<>(writer, schema, MODEL));
            }
            return schema == REPOSITORY_STATE ? repositoryReader : userReader;
        }
    }

    private static List<GenericRecord> sightings(SortedSet<Sighting> sightings) {
        List<GenericRecord> out = new ArrayList<>();
        for (Sighting s : sightings) {
            GenericRecord r = new GenericData.Record(SIGHTING);
            r.put("profile", s.profile());
            r.put("scope", s.scope());
            out.add(r);
        }
        return out;
    }

    private static SortedSet<Sighting> sightings(Object stored) {
        SortedSet<Sighting> out = new TreeSet<>();
        for (Object o : (Collection<?>) stored) {
            GenericRecord r = (GenericRecord) o;
            out.add(new Sighting(r.get("profile").toString(), r.get("scope").toString()));
        }
        return out;
    }

    private static List<GenericRecord> commitReads(Collection<CommitRead> reads) {
        List<GenericRecord> out = new ArrayList<>();
        for (CommitRead read : reads) {
            GenericRecord r = new GenericData.Record(COMMIT_READ);
            r.put("profile", read.profile());
            r.put("fetchedAt", read.fetchedAt().toEpochMilli());
            r.put("lastCommitAt", read.lastCommitAt() == null ? null : read.lastCommitAt().toEpochMilli());
            r.put("developers", new ArrayList<>(read.developers()));
            out.add(r);
        }
        return out;
    }

    private static SortedMap<String, CommitRead> commitReads(Object stored) {
        SortedMap<String, CommitRead> out = new TreeMap<>();
        for (Object o : (Collection<?>) stored) {
            GenericRecord r = (GenericRecord) o;
            List<Developer> developers = new ArrayList<>();
            for (Object d : (Collection<?>) r.get("developers")) {
                developers.add((Developer) d);
            }
            String profile = r.get("profile").toString();
            out.put(profile, new CommitRead(profile, Instant.ofEpochMilli((Long) r.get("fetchedAt")),
                    r.get("lastCommitAt") == null ? null : Instant.ofEpochMilli((Long) r.get("lastCommitAt")),
                    developers));
        }
        return out;
    }

    private static GenericRecord manualClass(ManualClass manual) {
        if (manual == null) {
            return null;
        }
        GenericRecord r = new GenericData.Record(MANUAL_CLASS);
        r.put("assetClass", manual.assetClass().name());
        r.put("locked", manual.locked());
        r.put("policyAtSet", manual.policyAtSet());
        return r;
    }

    private static ManualClass manualClass(GenericRecord r) {
        return r == null ? null : new ManualClass(AssetClass.valueOf(r.get("assetClass").toString()),
                (Boolean) r.get("locked"), r.get("policyAtSet") == null ? null : r.get("policyAtSet").toString());
    }

    private static List<String> strings(Object stored) {
        List<String> out = new ArrayList<>();
        for (Object o : (Collection<?>) stored) {
            out.add(o.toString());
        }
        return out;
    }

    private static Schema nullable(Schema schema) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }
}
