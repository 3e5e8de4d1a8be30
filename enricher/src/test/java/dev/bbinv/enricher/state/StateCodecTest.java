package dev.bbinv.enricher.state;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.normalize.RepositoryNormalizer;
import dev.bbinv.enricher.activity.CommitRead;
import dev.bbinv.enricher.policy.ManualClass;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.RepositoryAsset;

class StateCodecTest {
    private final RepositoryAggregate aggregate =
            new RepositoryAggregate(LanguageTable.linguist(), new EmitPolicy(Duration.ofHours(24)));

    private RepositoryState repository(String uuid, String name) {
        RepositoryState s = aggregate.seen(RepositoryState.EMPTY,
                RepositoryNormalizer.normalize(cloud("p", "acme", T0),
                        cloudRepository(uuid, "acme", name.toLowerCase(), name, "java")),
                new Sighting("p", "acme"), T0, 0).state();
        s = aggregate.languageTags(s, List.of("go"), 0).state();
        return aggregate.catalog(s, AppContext.newBuilder().setFilePath("catalog-info.yaml").setOwner("team-a")
                .build(), 0).state();
    }

    @Test
    void aValueWrittenTheFormerWayIsReadAndWrittenBackByteForByte() {
        RepositoryState state = repository("{11111111-2222-3333-4444-555555555555}", "Geordi");
        byte[] former = formerWrite(StateCodec.REPOSITORY_STATE, formerRecord(state));

        RepositoryState decoded = StateCodec.decodeRepository(former);

        assertArrayEquals(former, StateCodec.encode(decoded));
        assertEquals("team-a", decoded.appContext().getOwner());
        assertEquals(List.of("go"), decoded.manualLanguages());
        assertEquals(state.asset().getId(), decoded.asset().getId());
    }

    @Test
    void commitReadsManualClassTagsAndRecheckTimeSurviveTheStore() {
        RepositoryState state = repository("{11111111-2222-3333-4444-555555555555}", "Geordi");
        Developer ann = Developer.newBuilder().setEmail("ann@acme.com").setDisplayName("Ann").setDiscoveredBy("p")
                .setCommitCount(3).setLastCommitAt(T0.minusSeconds(60)).build();
        state = aggregate.commits(state, new CommitRead("p", T0, T0.minusSeconds(60), List.of(ann)), 0).state();
        state = aggregate.manualClass(state, AssetClass.B, true, 0).state();
        state = aggregate.manualTags(state, List.of("platform:aws"), 0).state();

        RepositoryState decoded = StateCodec.decodeRepository(StateCodec.encode(state));

        assertEquals(state, decoded);
        assertEquals(List.of(ann), decoded.commitReads().get("p").developers());
        assertEquals(new ManualClass(AssetClass.B, true, null), decoded.manualClass());
        assertEquals(List.of("platform:aws"), decoded.manualTags());
        // Wall clock 0: the repository's creation (2026) is ahead, so that is when it is next looked at.
        assertEquals(java.time.Instant.parse("2026-01-02T03:04:05Z"), decoded.recheckAt());
    }

    @Test
    void repositoryAndUserValuesCodedInTurnOnOneThreadStayApart() {
        RepositoryState geordi = repository("{11111111-2222-3333-4444-555555555555}", "Geordi");
        RepositoryState data = repository("{99999999-2222-3333-4444-555555555555}", "Data");
        byte[] first = StateCodec.encode(geordi);
        byte[] user = StateCodec.encode(UserState.EMPTY);
        byte[] second = StateCodec.encode(data);

        assertEquals("Geordi", StateCodec.decodeRepository(first).asset().getName());
        assertNull(StateCodec.decodeUser(user).asset());
        assertEquals("Data", StateCodec.decodeRepository(second).asset().getName());
        assertEquals("Geordi", StateCodec.decodeRepository(first).asset().getName()); // not overwritten by reuse
    }

    @Test
    void everyThreadWritesTheSameBytes() throws Exception {
        RepositoryState state = repository("{11111111-2222-3333-4444-555555555555}", "Geordi");
        byte[] expected = StateCodec.encode(state);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> StateCodec.encode(StateCodec.decodeRepository(expected))));
            }
            for (Future<byte[]> result : results) {
                assertArrayEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The state record as the codec built it before its writers were reused. */
    private static GenericRecord formerRecord(RepositoryState state) {
        Schema sighting = StateCodec.REPOSITORY_STATE.getField("sightings").schema().getElementType();
        List<GenericRecord> sightings = new ArrayList<>();
        for (Sighting s : state.sightings()) {
            GenericRecord r = new GenericData.Record(sighting);
            r.put("profile", s.profile());
            r.put("scope", s.scope());
            sightings.add(r);
        }
        GenericRecord r = new GenericData.Record(StateCodec.REPOSITORY_STATE);
        r.put("asset", state.asset());
        r.put("sightings", sightings);
        r.put("factsAt", state.factsAt().toEpochMilli());
        r.put("lastEmittedSeen", state.lastEmittedSeen().toEpochMilli());
        r.put("bitbucketLanguage", state.bitbucketLanguage());
        r.put("manualLanguages", new ArrayList<>(state.manualLanguages()));
        r.put("appContext", state.appContext());
        r.put("commitReads", new ArrayList<>());
        r.put("manualClass", null);
        r.put("manualTags", new ArrayList<>());
        r.put("recheckAt", null);
        return r;
    }

    /** Format byte 1, fingerprint computed from the schema, a fresh writer: the format as first released. */
    private static byte[] formerWrite(Schema schema, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(1);
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (fingerprint >>> shift));
            }
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<GenericRecord>(schema, SpecificData.getForClass(RepositoryAsset.class))
                    .write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
