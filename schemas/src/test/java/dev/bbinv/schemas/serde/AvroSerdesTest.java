package dev.bbinv.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * The serdes through the real registry client against a local server that speaks the Confluent registry protocol
 * (register under a subject, fetch by id), as the registry a deployment runs would.
 */
class AvroSerdesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refuseRegistration;
    private HttpServer server;
    private URI url;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            int status;
            String body;
            if (exchange.getRequestMethod().equals("POST") && path.matches("/subjects/[^/]+/versions")) {
                if (refuseRegistration) {
                    status = 500;
                    body = "{\"error_code\":50001,\"message\":\"store unavailable\"}";
                } else {
                    String schema = JSON.readTree(exchange.getRequestBody()).get("schema").asText();
                    String subject = path.split("/")[2];
                    int id = ids.computeIfAbsent(subject + " " + schema, k -> ids.size() + 1);
                    schemas.put(id, schema);
                    status = 200;
                    body = "{\"id\":" + id + "}";
                }
            } else if (path.startsWith("/schemas/ids/") && schemas.containsKey(Integer.parseInt(path.substring(13)))) {
                status = 200;
                body = JSON.writeValueAsString(Map.of("schema", schemas.get(Integer.parseInt(path.substring(13)))));
            } else {
                status = 404;
                body = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopRegistry() {
        server.stop(0);
    }

    private SchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(url);
    }

    private static LanguageTagEvent tag(String repo) {
        return LanguageTagEvent.newBuilder().setRepositoryId(repo).setLanguages(List.of("Go", "Rust")).setSetAt(AT)
                .setSetBy("test").build();
    }

    @Test
    void aValueRoundTripsInTheConfluentWireFormatUnderTheTopicsValueSubject() {
        Serde<LanguageTagEvent> serde = AvroSerdes.value(LanguageTagEvent.class, client());
        byte[] bytes = serde.serializer().serialize("tags", tag("cloud:a"));

        assertEquals(0, bytes[0], "magic byte");
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(ids.get("tags-value " + LanguageTagEvent.getClassSchema()), id);
        assertEquals(tag("cloud:a"), serde.deserializer().deserialize("tags", bytes));
        assertEquals(List.of("POST /subjects/tags-value/versions"), requests, "the client knows the schema it registered");
    }

    @Test
    void aTopicDescriptorsSerdesWriteTheSameBytesAsTheClassesSerdesUnderItsOwnSubjects() {
        TopicDescriptor<LanguageTagEvent> topic = Topics.LANGUAGE_TAGS_TOPIC;
        byte[] viaDescriptor = topic.valueSerializer(client()).serialize(topic.name(), tag("cloud:a"));
        byte[] viaClass = AvroSerdes.valueSerializer(LanguageTagEvent.class, client()).serialize(topic.name(),
                tag("cloud:a"));

        assertArrayEquals(viaClass, viaDescriptor);
        assertEquals(tag("cloud:a"), topic.valueSerde(client()).deserializer().deserialize(topic.name(), viaDescriptor));
        assertArrayEquals(AvroSerdes.keySerializer(client()).serialize(topic.name(), "cloud:a"),
                topic.keySerializer(client()).serialize(topic.name(), "cloud:a"));
        assertEquals("cloud:a", topic.keyDeserializer(client()).deserialize(topic.name(),
                topic.keySerde(client()).serializer().serialize(topic.name(), "cloud:a")));
        assertTrue(ids.containsKey(Topics.LANGUAGE_TAGS + "-value " + LanguageTagEvent.getClassSchema()), ids.toString());
    }

    @Test
    void theRegistrysOwnTopicHasNoSerdesAndSaysSo() {
        assertEquals("topic _bbinv_schemas has no Avro value type; its records are not ours",
                assertThrows(IllegalStateException.class, () -> Topics.SCHEMAS_TOPIC.valueSerializer(client()))
                        .getMessage());
    }

    @Test
    void aKeyIsAPlainAvroStringUnderTheTopicsKeySubjectAndReadsAsAJavaString() {
        Serde<String> serde = AvroSerdes.key(client());
        byte[] bytes = serde.serializer().serialize("tags", "cloud:{a}");

        assertEquals("\"string\"", schemas.get(ByteBuffer.wrap(bytes, 1, 4).getInt()));
        assertEquals(List.of("POST /subjects/tags-key/versions"), requests);
        assertEquals(5 + 1 + "cloud:{a}".length(), bytes.length, "header, zig-zag length, UTF-8 bytes");
        Object key = serde.deserializer().deserialize("tags", bytes);
        assertEquals(String.class, key.getClass());
        assertEquals("cloud:{a}", key);
    }

    @Test
    void eachTopicRegistersUnderItsOwnSubjectOnceAndEachIdIsFetchedOnce() {
        Serializer<LanguageTagEvent> serializer = AvroSerdes.valueSerializer(LanguageTagEvent.class, client());
        Deserializer<LanguageTagEvent> deserializer = AvroSerdes.valueDeserializer(LanguageTagEvent.class, client());
        byte[] a1 = serializer.serialize("a", tag("1"));
        byte[] a2 = serializer.serialize("a", tag("2"));
        byte[] b1 = serializer.serialize("b", tag("3"));
        assertEquals(tag("1"), deserializer.deserialize("a", a1));
        assertEquals(tag("2"), deserializer.deserialize("a", a2));
        assertEquals(tag("3"), deserializer.deserialize("b", b1));

        assertEquals(2, requests.stream().filter(r -> r.startsWith("POST")).count(), requests.toString());
        assertTrue(requests.contains("POST /subjects/a-value/versions") && requests.contains("POST /subjects/b-value/versions"));
        assertEquals(2, requests.stream().filter(r -> r.startsWith("GET")).count(), requests.toString());
    }

    @Test
    void nullStaysNullBothWays() {
        assertNull(AvroSerdes.valueSerializer(LanguageTagEvent.class, client()).serialize("t", null));
        assertNull(AvroSerdes.valueDeserializer(LanguageTagEvent.class, client()).deserialize("t", null));
        assertNull(AvroSerdes.keySerializer(client()).serialize("t", null));
        assertNull(AvroSerdes.keyDeserializer(client()).deserialize("t", null));
        assertEquals(List.of(), requests);
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaReadsWithTheNewFieldsDefaults() throws IOException {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"LanguageTagEvent","namespace":"dev.bbinv.schemas.avro","fields":[
                 {"name":"repositoryId","type":"string"},
                 {"name":"languages","type":{"type":"array","items":"string"}},
                 {"name":"setAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        schemas.put(7, older.toString());
        GenericRecord record = new GenericData.Record(older);
        record.put("repositoryId", "cloud:x");
        record.put("languages", List.of("Go"));
        record.put("setAt", AT.toEpochMilli());

        LanguageTagEvent read = AvroSerdes.valueDeserializer(LanguageTagEvent.class, client())
                .deserialize("t", wire(7, older, record));

        assertEquals(LanguageTagEvent.newBuilder().setRepositoryId("cloud:x").setLanguages(List.of("Go")).setSetAt(AT)
                .setSetBy(null).build(), read);
    }

    @Test
    void anUnknownSchemaIdIsAClearErrorNamingTopicAndId() {
        byte[] bytes = {0, 0, 0, 0, 99, 2, 'x'};
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.valueDeserializer(LanguageTagEvent.class, client()).deserialize("tags", bytes));
        assertTrue(e.getMessage().startsWith("record from topic tags names writer schema id 99 that the schema registry "
                + "cannot give"), e.getMessage());
    }

    @Test
    void aTruncatedBodyIsAClearError() {
        byte[] whole = AvroSerdes.valueSerializer(LanguageTagEvent.class, client()).serialize("tags", tag("cloud:a"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.valueDeserializer(LanguageTagEvent.class, client()).deserialize("tags", cut));
        assertEquals("record from topic tags is truncated: its " + cut.length + " bytes end before a complete Avro "
                + "body of writer schema id " + whole[4], e.getMessage());
    }

    @Test
    void aWriterSchemaThatCannotBeReadAsTheTypeIsAClearError() throws IOException {
        Schema other = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
        schemas.put(8, other.toString());
        GenericRecord record = new GenericData.Record(other);
        record.put("n", 5);
        byte[] bytes = wire(8, other, record);
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.valueDeserializer(LanguageTagEvent.class, client()).deserialize("tags", bytes));
        assertTrue(e.getMessage().startsWith("cannot read the record from topic tags (writer schema id 8) as "
                + "dev.bbinv.schemas.avro.LanguageTagEvent: AvroTypeException: "), e.getMessage());
    }

    @Test
    void aRefusedRegistrationIsAClearErrorNamingSchemaAndSubject() {
        refuseRegistration = true;
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.valueSerializer(LanguageTagEvent.class, client()).serialize("tags", tag("a")));
        assertTrue(e.getMessage().startsWith("cannot register the schema dev.bbinv.schemas.avro.LanguageTagEvent "
                + "under subject tags-value: "), e.getMessage());
    }

    @Test
    void aValueAvroCannotWriteIsAClearError() {
        LanguageTagEvent broken = tag("a");
        broken.setRepositoryId(null);
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.valueSerializer(LanguageTagEvent.class, client()).serialize("tags", broken));
        assertTrue(e.getMessage().startsWith("cannot write a dev.bbinv.schemas.avro.LanguageTagEvent for topic tags "
                + "as Avro: "), e.getMessage());
    }

    @Test
    void aLargeValueIsWrittenWhole() {
        LanguageTagEvent big = tag("cloud:" + "x".repeat(100_000));
        Serde<LanguageTagEvent> serde = AvroSerdes.value(LanguageTagEvent.class, client());
        byte[] bytes = serde.serializer().serialize("tags", big);
        assertEquals(big, serde.deserializer().deserialize("tags", bytes));
        byte[] again = serde.serializer().serialize("tags", big);
        assertArrayEquals(bytes, again, "a reused encoder writes the same bytes");
    }

    private static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
