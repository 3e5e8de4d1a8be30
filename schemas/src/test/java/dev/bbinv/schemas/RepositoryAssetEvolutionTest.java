package dev.bbinv.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.ServiceType;

/** The repository asset of release 0.1 (test resource) and today's read each other's records, both ways. */
class RepositoryAssetEvolutionTest {
    private static Schema previous() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(ServiceType.getClassSchema().toString());
        try (InputStream in = RepositoryAssetEvolutionTest.class.getResourceAsStream("/previous/RepositoryAsset-0.1.avsc")) {
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachSchemaReadsTheOther() throws IOException {
        Schema old = previous();
        Schema now = RepositoryAsset.getClassSchema();
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(now, old).getType(), "new reader, old writer");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(old, now).getType(), "old reader, new writer");
    }

    @Test
    void anOldRecordReadsWithTheNewFieldsAtTheirDefaults() throws IOException {
        Schema old = previous();
        GenericRecord source = new GenericData.Record(old.getField("source").schema());
        source.put("serviceType", new GenericData.EnumSymbol(old.getField("source").schema().getField("serviceType").schema(), "CLOUD"));
        source.put("baseUrl", "https://api.bitbucket.org/2.0");
        source.put("scopeKey", "acme");
        GenericRecord record = new GenericData.Record(old);
        for (Schema.Field f : old.getFields()) {
            if (f.hasDefaultValue()) {
                record.put(f.name(), GenericData.get().getDefaultValue(f));
            }
        }
        record.put("visibility", new GenericData.EnumSymbol(old.getField("visibility").schema(), "PUBLIC"));
        record.put("id", "cloud:{1}");
        record.put("name", "api");
        record.put("source", source);
        record.put("firstSeen", 1L);
        record.put("lastSeen", 2L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(record, encoder);
        encoder.flush();

        RepositoryAsset read = new SpecificDatumReader<RepositoryAsset>(old, RepositoryAsset.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals("api", read.getName());
        assertEquals(dev.bbinv.schemas.avro.Visibility.PUBLIC, read.getVisibility());
        assertEquals(Freshness.NA, read.getFreshness());
        assertEquals(AssetClass.D, read.getAssetClass());
        assertEquals(List.of(), read.getDevelopers());
        assertEquals(List.of(), read.getTags());
        assertEquals(List.of(), read.getLabels());
        assertEquals(null, read.getLastCommitAt());
    }

    @Test
    void aNewRecordReadsWithTheOldSchemaKeepingEveryOldField() throws IOException {
        RepositoryAsset now = RepositoryAsset.newBuilder()
                .setId("server:https://bb.example.com:7").setName("web")
                .setSource(AssetSource.newBuilder().setServiceType(ServiceType.SERVER)
                        .setBaseUrl("https://bb.example.com").setScopeKey("PRJ").build())
                .setVisibility(dev.bbinv.schemas.avro.Visibility.PRIVATE)
                .setFirstSeen(Instant.ofEpochMilli(10)).setLastSeen(Instant.ofEpochMilli(20)).setVersion(3L)
                .setFreshness(Freshness.ACTIVE).setAssetClass(AssetClass.A).setLastCommitAt(Instant.ofEpochMilli(15)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(RepositoryAsset.class).write(now, encoder);
        encoder.flush();

        GenericRecord read = new GenericDatumReader<GenericRecord>(RepositoryAsset.getClassSchema(), previous())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals("web", read.get("name").toString());
        assertEquals(3L, read.get("version"));
        assertEquals(null, read.getSchema().getField("freshness"));
    }
}
