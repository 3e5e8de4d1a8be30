package dev.bbinv.stack.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryException;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.schemas.serde.WireFormat;

/** The Confluent-wire-format serdes against a real registry over HTTP: our own, in memory. */
class AvroSerdesOverHttpTest {
    private static final String TOPIC = "inventory.language-tags";
    private static final Instant SET_AT = Instant.parse("2026-11-28T10:15:30.123Z");

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory(0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static HttpSchemaRegistryClient freshClient() {
        return new HttpSchemaRegistryClient(registry.url());
    }

    private static LanguageTagEvent event(String repo) {
        return LanguageTagEvent.newBuilder()
                .setRepositoryId(repo)
                .setLanguages(List.of("Java", "Go"))
                .setSetAt(SET_AT)
                .setSetBy("cli")
                .build();
    }

    @Test
    void bytesStartWithMagicZeroAndTheIdRegisteredUnderTopicValue() {
        HttpSchemaRegistryClient client = freshClient();
        byte[] bytes = AvroSerdes.value(LanguageTagEvent.class, client).serializer().serialize(TOPIC, event("r1"));

        assertEquals(0, bytes[0]);
        int registeredId = freshClient().register(TOPIC + "-value", LanguageTagEvent.getClassSchema());
        assertEquals(registeredId, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(registeredId, WireFormat.schemaId(TOPIC, bytes));
    }

    @Test
    void aSecondClientWithAnEmptyCacheReadsTheRecordBack() {
        LanguageTagEvent written = event("cloud:{8d5a3c1e-0000-4000-8000-000000000001}");
        byte[] bytes = AvroSerdes.value(LanguageTagEvent.class, freshClient()).serializer().serialize(TOPIC, written);

        LanguageTagEvent read =
                AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer().deserialize(TOPIC, bytes);

        assertEquals(written, read);
        assertEquals(SET_AT, read.getSetAt());
        assertEquals(String.class, read.getRepositoryId().getClass());
    }

    @Test
    void keysAreAvroStringsRegisteredUnderTopicKey() {
        String key = "server:https://bitbucket.example.com:42";
        Serde<String> serde = AvroSerdes.key(freshClient());
        byte[] bytes = serde.serializer().serialize(TOPIC, key);

        assertEquals(0, bytes[0]);
        int keyId = freshClient().register(TOPIC + "-key", Schema.create(Schema.Type.STRING));
        assertEquals(keyId, WireFormat.schemaId(TOPIC, bytes));
        // After the header: Avro binary string = zig-zag varint length, then UTF-8 bytes.
        assertEquals(key.length() * 2, bytes[5]);
        assertEquals(key, new String(Arrays.copyOfRange(bytes, 6, bytes.length), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(key, AvroSerdes.key(freshClient()).deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void recordsWrittenWithAnOlderSchemaWithoutADefaultedFieldReadWithTheDefault() throws Exception {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"LanguageTagEvent","namespace":"dev.bbinv.schemas.avro","fields":[
                  {"name":"repositoryId","type":"string"},
                  {"name":"languages","type":{"type":"array","items":"string"},"default":[]},
                  {"name":"setAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericRecord old = new GenericData.Record(older);
        old.put("repositoryId", "r-old");
        old.put("languages", List.of("Rust"));
        old.put("setAt", SET_AT.toEpochMilli());
        byte[] bytes = wire(freshClient().register("evolution-old-value", older), older, old);

        LanguageTagEvent read = AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer()
                .deserialize("evolution-old", bytes);

        assertEquals("r-old", read.getRepositoryId());
        assertEquals(List.of("Rust"), read.getLanguages());
        assertEquals(SET_AT, read.getSetAt());
        assertNull(read.getSetBy());
    }

    @Test
    void recordsWrittenWithANewerSchemaWithAnExtraFieldReadWithoutIt() throws Exception {
        Schema newer = new Schema.Parser().parse("""
                {"type":"record","name":"LanguageTagEvent","namespace":"dev.bbinv.schemas.avro","fields":[
                  {"name":"repositoryId","type":"string"},
                  {"name":"confidence","type":"double","default":1.0},
                  {"name":"languages","type":{"type":"array","items":"string"},"default":[]},
                  {"name":"setAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"setBy","type":["null","string"],"default":null}]}""");
        GenericRecord record = new GenericData.Record(newer);
        record.put("repositoryId", "r-new");
        record.put("confidence", 0.5);
        record.put("languages", List.of("C#"));
        record.put("setAt", SET_AT.toEpochMilli());
        record.put("setBy", "api");
        byte[] bytes = wire(freshClient().register("evolution-new-value", newer), newer, record);

        LanguageTagEvent read = AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer()
                .deserialize("evolution-new", bytes);

        assertEquals(LanguageTagEvent.newBuilder().setRepositoryId("r-new").setLanguages(List.of("C#"))
                .setSetAt(SET_AT).setSetBy("api").build(), read);
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<LanguageTagEvent> serde = AvroSerdes.value(LanguageTagEvent.class, freshClient());
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
        assertNull(AvroSerdes.key(freshClient()).deserializer().deserialize(TOPIC, null));
    }

    @Test
    void anUnknownSchemaIdIsASerializationErrorNamingTheIdAndTopic() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'};
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer().deserialize(TOPIC, bytes));
        assertTrue(e.getMessage().contains("schema id 12345"), e.getMessage());
        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
        assertTrue(e.getCause() instanceof SchemaRegistryException, String.valueOf(e.getCause()));
    }

    @Test
    void aWrongMagicByteIsASerializationError() {
        byte[] bytes = AvroSerdes.value(LanguageTagEvent.class, freshClient()).serializer().serialize(TOPIC, event("r"));
        bytes[0] = 1;
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer().deserialize(TOPIC, bytes));
        assertTrue(e.getMessage().contains("magic byte"), e.getMessage());
    }

    @Test
    void aTruncatedRecordIsASerializationErrorSayingSo() {
        byte[] bytes = AvroSerdes.value(LanguageTagEvent.class, freshClient()).serializer().serialize(TOPIC, event("r"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer()
                        .deserialize(TOPIC, truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
    }

    @Test
    void aRecordOfAnotherTypeIsASerializationErrorNotAWrongObject() {
        byte[] keyBytes = AvroSerdes.key(freshClient()).serializer().serialize(TOPIC, "just a key");
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.value(LanguageTagEvent.class, freshClient()).deserializer().deserialize(TOPIC, keyBytes));
        assertTrue(e.getMessage().contains("dev.bbinv.schemas.avro.LanguageTagEvent"), e.getMessage());
    }

    @Test
    void aSchemaTheRegistryRefusesIsASerializationErrorNamingTheSubject() {
        Schema incompatible = new Schema.Parser().parse("""
                {"type":"record","name":"LanguageTagEvent","namespace":"dev.bbinv.schemas.avro","fields":[
                  {"name":"repositoryId","type":"int"}]}""");
        freshClient().register("refused-value", incompatible);

        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.value(LanguageTagEvent.class, freshClient()).serializer().serialize("refused", event("r")));

        assertTrue(e.getMessage().contains("refused-value"), e.getMessage());
        assertTrue(e.getMessage().contains("409"), e.getMessage());
    }

    @Test
    void theRegistryIsAskedOncePerTopicAndIdNotPerRecord() {
        try (EmbeddedSchemaRegistry shortLived = EmbeddedSchemaRegistry.inMemory(0)) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(shortLived.url());
            Serde<LanguageTagEvent> writerSide = AvroSerdes.value(LanguageTagEvent.class, client);
            Serde<LanguageTagEvent> readerSide =
                    AvroSerdes.value(LanguageTagEvent.class, new HttpSchemaRegistryClient(shortLived.url()));
            byte[] first = writerSide.serializer().serialize(TOPIC, event("a"));
            readerSide.deserializer().deserialize(TOPIC, first);

            shortLived.close();

            byte[] second = writerSide.serializer().serialize(TOPIC, event("b"));
            assertEquals("b", readerSide.deserializer().deserialize(TOPIC, second).getRepositoryId());
            // A topic never seen needs the registry, which is gone: the error names where it was.
            SerializationException e = assertThrows(SerializationException.class,
                    () -> writerSide.serializer().serialize("another.topic", event("c")));
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
            assertTrue(e.getMessage().contains(shortLived.url().toString()), e.getMessage());
        }
    }

    @Test
    void roundTripsOneHundredThousandRecordsQuickly() {
        Serde<LanguageTagEvent> serde = AvroSerdes.value(LanguageTagEvent.class, freshClient());
        Serde<String> keys = AvroSerdes.key(freshClient());
        int n = 100_000;
        long start = System.nanoTime();
        long checksum = 0;
        for (int i = 0; i < n; i++) {
            String key = "cloud:{" + i + "}";
            byte[] k = keys.serializer().serialize(TOPIC, key);
            byte[] v = serde.serializer().serialize(TOPIC, event(key));
            checksum += keys.deserializer().deserialize(TOPIC, k).length()
                    + serde.deserializer().deserialize(TOPIC, v).getLanguages().size();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("serde round trip of %d keys and values took %d ms%n", n, millis);
        assertTrue(checksum > 2L * n);
        assertTrue(millis < 20_000, "100k round trips took " + millis + " ms");
    }

    @Test
    void oneSerdeInstanceIsSafeToShareBetweenThreads() throws Exception {
        Serde<LanguageTagEvent> shared = AvroSerdes.value(LanguageTagEvent.class, freshClient());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "thread-" + t + "-";
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 5_000; i++) {
                        LanguageTagEvent written = event(prefix + i);
                        String topic = i % 2 == 0 ? TOPIC : "shared.other";
                        byte[] bytes = shared.serializer().serialize(topic, written);
                        if (written.equals(shared.deserializer().deserialize(topic, bytes))) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertEquals(5_000, result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] wire(int id, Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[WireFormat.HEADER_LENGTH]);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, id);
        return bytes;
    }

    @Test
    void wireHelperMatchesTheSerializer() throws Exception {
        LanguageTagEvent e = event("same");
        byte[] fromSerde = AvroSerdes.value(LanguageTagEvent.class, freshClient()).serializer().serialize(TOPIC, e);
        int id = WireFormat.schemaId(TOPIC, fromSerde);
        GenericRecord generic = new GenericData.Record(LanguageTagEvent.getClassSchema());
        generic.put("repositoryId", "same");
        generic.put("languages", List.of("Java", "Go"));
        generic.put("setAt", SET_AT.toEpochMilli());
        generic.put("setBy", "cli");
        assertArrayEquals(fromSerde, wire(id, LanguageTagEvent.getClassSchema(), generic));
    }
}
