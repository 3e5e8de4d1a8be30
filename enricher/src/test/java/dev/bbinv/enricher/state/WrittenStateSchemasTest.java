package dev.bbinv.enricher.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.Freshness;

/** State written by an earlier release is read by this one; a change of the state schema cannot forget its record. */
class WrittenStateSchemasTest {

    @Test
    void theStateSchemasThisEnricherWritesAreRecordedForTheNextRelease() {
        assertNotNull(WrittenStateSchemas.writer(SchemaNormalization.parsingFingerprint64(StateCodec.REPOSITORY_STATE)),
                "the repository state schema changed: add its form (StateCodec.REPOSITORY_STATE.toString(true)) to "
                        + WrittenStateSchemas.FOLDER + " and WrittenStateSchemas.FILES");
        assertNotNull(WrittenStateSchemas.writer(SchemaNormalization.parsingFingerprint64(StateCodec.USER_STATE)),
                "the user state schema changed: record it in " + WrittenStateSchemas.FOLDER);
    }

    @Test
    void everyRecordedSchemaResolvesIntoTodaysState() {
        for (Map.Entry<Long, Schema> e : WrittenStateSchemas.all().entrySet()) {
            Schema today = e.getValue().getName().equals(StateCodec.REPOSITORY_STATE.getName())
                    ? StateCodec.REPOSITORY_STATE : StateCodec.USER_STATE;
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(today, e.getValue()).getType(),
                    e.getValue().getName() + " " + e.getKey());
        }
    }

    @Test
    void repositoryStateOfTheReleaseBeforeTheAssetAttributesIsReadWithTheirDefaults() throws IOException {
        Schema old = WrittenStateSchemas.all().values().stream()
                .filter(s -> s.getName().equals("RepositoryStateV1") && s.getField("commitReads") == null)
                .findFirst().orElseThrow();
        Schema oldAsset = old.getField("asset").schema().getTypes().get(1);
        Schema source = oldAsset.getField("source").schema();
        GenericRecord src = new GenericData.Record(source);
        src.put("serviceType", new GenericData.EnumSymbol(source.getField("serviceType").schema(), "CLOUD"));
        src.put("baseUrl", "https://api.bitbucket.org/2.0");
        src.put("scopeKey", "acme");
        GenericRecord asset = defaults(oldAsset);
        asset.put("id", "cloud:{r1}");
        asset.put("name", "payments");
        asset.put("source", src);
        asset.put("visibility", new GenericData.EnumSymbol(oldAsset.getField("visibility").schema(), "PRIVATE"));
        asset.put("firstSeen", 1_000L);
        asset.put("lastSeen", 2_000L);
        asset.put("version", 7L);
        Schema sightingSchema = old.getField("sightings").schema().getElementType();
        GenericRecord sighting = new GenericData.Record(sightingSchema);
        sighting.put("profile", "cloud-a");
        sighting.put("scope", "acme");
        GenericRecord state = new GenericData.Record(old);
        state.put("asset", asset);
        state.put("sightings", List.of(sighting));
        state.put("factsAt", 1_500L);
        state.put("lastEmittedSeen", 2_000L);
        state.put("bitbucketLanguage", "java");
        state.put("manualLanguages", List.of("Go"));
        state.put("appContext", null);

        RepositoryState read = StateCodec.decodeRepository(bytes(old, state));

        assertEquals("payments", read.asset().getName());
        assertEquals(7L, read.asset().getVersion());
        assertEquals(Freshness.NA, read.asset().getFreshness());
        assertEquals(AssetClass.D, read.asset().getAssetClass());
        assertEquals(List.of("cloud-a|acme"), read.sightings().stream().map(s -> s.profile() + "|" + s.scope()).toList());
        assertEquals(Instant.ofEpochMilli(1_500), read.factsAt());
        assertEquals("java", read.bitbucketLanguage());
        assertEquals(List.of("Go"), read.manualLanguages());
        assertTrue(read.commitReads().isEmpty());
        assertNull(read.manualClass());
        assertEquals(List.of(), read.manualTags());
    }

    @Test
    void stateOfAnUnknownSchemaIsStillRefusedClearly() {
        byte[] bytes = new byte[12];
        bytes[0] = 1;
        bytes[8] = 42;
        UnreadableStateException e = assertThrows(UnreadableStateException.class, () -> StateCodec.decodeRepository(bytes));
        assertTrue(e.getMessage().contains("bbinv rebuild"), e.getMessage());
    }

    private static GenericRecord defaults(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            if (f.hasDefaultValue()) {
                r.put(f.name(), GenericData.get().getDefaultValue(f));
            }
        }
        return r;
    }

    /** The bytes the release before wrote: format 1, its schema's fingerprint, Avro binary. */
    private static byte[] bytes(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (fingerprint >>> shift));
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
