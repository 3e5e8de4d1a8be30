package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.deadletter.DeadLetterBuilder;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** {@code bbinv dlq list|show|redrive} against the real in-process broker and registry. */
class DlqCommandIT {
    private final SchemaRegistryClient registry = TestRegistry.client();

    @Test
    void listShowAndRedriveOnceWhatTheRolesParked() throws Exception {
        String source = "dlq-it-" + UUID.randomUUID();
        TestKafka.createTopics(List.of(new Topics.Spec(source, 1, false), new Topics.Spec(Topics.DLQ, 1, false)));
        byte[] key = AvroSerdes.keySerializer(registry).serialize(source, "cloud:" + source);
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        Instant recent = Instant.now();
        long unreadable = park(DeadLetterBuilder.build("sink", source, 0, 7, key, garbage,
                new SerializationException("not the wire format " + source), old));
        long rejected = park(DeadLetterBuilder.build("enricher", source, 0, 8, key, key,
                new IllegalArgumentException("key is not the identity"), recent));
        String[] where = where();

        String all = run("list", where);
        assertTrue(all.contains(source + "-0@7"), all);
        assertTrue(all.contains("unreadable: not the wire format"), all);
        assertTrue(all.contains("rejected: key is not the identity"), all);
        String sinceInstant = run("list", where, "--since", "2021-01-01T00:00:00Z");
        assertFalse(sinceInstant.contains(source + "-0@7"), sinceInstant);
        assertTrue(sinceInstant.contains(source + "-0@8"), sinceInstant);
        String sinceDuration = run("list", where, "--since", "1h");
        assertFalse(sinceDuration.contains(source + "-0@7"), sinceDuration);
        assertTrue(sinceDuration.contains(source + "-0@8"), sinceDuration);

        String shown = run("show", where, Long.toString(rejected));
        assertTrue(shown.contains("rejected: key is not the identity"), shown);
        assertTrue(shown.contains("java.lang.IllegalArgumentException"), shown);
        assertTrue(shown.contains(Base64.getEncoder().encodeToString(key)), shown);
        assertTrue(shown.contains("value decoded:  cloud:" + source), shown);
        String shownGarbage = run("show", where, Long.toString(unreadable));
        assertTrue(shownGarbage.contains("value decoded:  (cannot be decoded"), shownGarbage);

        // Both letters share a source; the reason (case-insensitive) picks one.
        String redrove = run("redrive", where, "--reason", "UNREADABLE: NOT THE WIRE FORMAT " + source);
        assertTrue(redrove.contains("Redrove 1 letter(s): [" + unreadable + "]"), redrove);
        List<ConsumerRecord<byte[], byte[]>> back = TopicReader.readCommitted(source, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        assertEquals(1, back.size(), "only the unreadable letter goes back");
        assertArrayEquals(key, back.get(0).key());
        assertArrayEquals(garbage, back.get(0).value());
        assertEquals(Long.toString(unreadable), new String(
                back.get(0).headers().lastHeader(DeadLetterQueue.REDRIVEN_HEADER).value(), StandardCharsets.UTF_8));

        String again = run("redrive", where, "--offset", Long.toString(unreadable));
        assertTrue(again.contains("Redrove 0 letter(s)"), again);
        assertTrue(again.contains("Already redriven before, not sent again: [" + unreadable + "]"), again);
        assertEquals(1, TopicReader.readCommitted(source, new ByteArrayDeserializer(), new ByteArrayDeserializer()).size(),
                "a second redrive does not duplicate");
        String listed = run("list", where);
        String line = listed.lines().filter(l -> l.contains(source + "-0@7")).findFirst().orElseThrow();
        assertTrue(line.contains(" yes "), line);
    }

    @Test
    void aSinceThatIsNeitherADurationNorAnInstantIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DlqCommand.since("yesterday", java.time.Clock.systemUTC()));
        assertTrue(e.getMessage().contains("neither a duration"), e.getMessage());
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        assertEquals(Instant.parse("2026-12-06T10:00:00Z"),
                DlqCommand.since("2h", java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)));
        assertEquals(Instant.parse("2026-12-05T12:00:00Z"),
                DlqCommand.since("P1D", java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)));
    }

    private long park(DeadLetter letter) throws Exception {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(cfg, AvroSerdes.keySerializer(registry),
                AvroSerdes.valueSerializer(DeadLetter.class, registry))) {
            return producer.send(new ProducerRecord<>(Topics.DLQ, null, letter)).get().offset();
        }
    }

    private String[] where() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "dlq-it-");
        return new String[] {"--data-dir", dir.toString(), "--set", Settings.BOOTSTRAP + "=" + TestKafka.bootstrapServers(),
                "--set", Settings.REGISTRY + "=" + TestRegistry.url()};
    }

    private static String run(String sub, String[] where, String... more) {
        List<String> args = new ArrayList<>(List.of("dlq", sub));
        args.addAll(List.of(where));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.out());
        return run.out();
    }
}
