package dev.bbinv.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.deadletter.DeadLetterBuilder;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * The dead-letter topic as {@code bbinv dlq} sees it: every letter with its offset, which ones were redriven, and
 * redriving. Redrive is idempotent through a compacted marker topic ({@value #REDRIVEN_TOPIC}, key: the letter's
 * offset): the original record goes back to its source topic and the marker is written in the same Kafka
 * transaction, so a letter is redriven once, or not at all if the command dies half way.
 */
final class DeadLetterQueue implements AutoCloseable {
    static final String REDRIVEN_TOPIC = Topics.DLQ_REDRIVEN_TOPIC.name();
    /** Header on a redriven record: the offset of the dead letter it came back from. */
    static final String REDRIVEN_HEADER = "bbinv.redriven-from-dlq-offset";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final Deserializer<DeadLetter> letters;

    /** One letter and where it sits in the dead-letter topic. */
    record Entry(long offset, DeadLetter letter, boolean redriven) {}

    /** What a redrive did. */
    record Redriven(List<Long> sent, List<Long> alreadyRedriven, List<String> skipped) {}

    DeadLetterQueue(String bootstrapServers, SchemaRegistryClient registry, Map<String, Object> overrides) {
        this.kafka = new HashMap<>(overrides);
        kafka.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.letters = Topics.DLQ_TOPIC.valueDeserializer(registry);
    }

    /** Every letter, oldest first. */
    List<Entry> entries() {
        Set<Long> redriven = redrivenOffsets();
        List<Entry> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.DLQ_TOPIC.name())) {
            out.add(new Entry(r.offset(), letters.deserialize(Topics.DLQ_TOPIC.name(), r.value()),
                    redriven.contains(r.offset())));
        }
        return out;
    }

    Optional<Entry> entry(long offset) {
        return entries().stream().filter(e -> e.offset() == offset).findFirst();
    }

    /** Sends each chosen letter's record back to its source topic, skipping those redriven before. */
    Redriven redrive(List<Entry> chosen) {
        ensureMarkerTopic();
        Set<Long> done = redrivenOffsets();
        List<Long> sent = new ArrayList<>();
        List<Long> already = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Object> cfg = new HashMap<>(kafka);
        cfg.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bbinv-dlq-redrive-" + UUID.randomUUID());
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            for (Entry e : chosen) {
                if (done.contains(e.offset())) {
                    already.add(e.offset());
                    continue;
                }
                Optional<ConsumerRecord<byte[], byte[]>> original = original(e.letter());
                if (original.isEmpty()) {
                    skipped.add(e.offset() + " (its payload was too large to copy and " + source(e.letter())
                            + " is no longer in the topic)");
                    continue;
                }
                ProducerRecord<byte[], byte[]> back = new ProducerRecord<>(e.letter().getSourceTopic(),
                        original.get().key(), original.get().value());
                back.headers().add(REDRIVEN_HEADER, Long.toString(e.offset()).getBytes(StandardCharsets.UTF_8));
                producer.beginTransaction();
                producer.send(back);
                producer.send(new ProducerRecord<>(REDRIVEN_TOPIC, Long.toString(e.offset()).getBytes(StandardCharsets.UTF_8),
                        (source(e.letter()) + " at " + Instant.now()).getBytes(StandardCharsets.UTF_8)));
                producer.commitTransaction();
                sent.add(e.offset());
            }
        }
        return new Redriven(sent, already, skipped);
    }

    /** The record a letter parked: its own copy, or the source topic's when the payload was too large to copy. */
    private Optional<ConsumerRecord<byte[], byte[]>> original(DeadLetter letter) {
        if (!DeadLetterBuilder.payloadLeftOut(letter)) {
            return Optional.of(new ConsumerRecord<>(letter.getSourceTopic(), letter.getSourcePartition(),
                    letter.getSourceOffset(), bytes(letter.getKey()), bytes(letter.getValue())));
        }
        TopicPartition tp = new TopicPartition(letter.getSourceTopic(), letter.getSourcePartition());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, letter.getSourceOffset());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && consumer.position(tp) <= letter.getSourceOffset()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == letter.getSourceOffset()) {
                        return Optional.of(r);
                    }
                }
            }
            return Optional.empty();
        }
    }

    static String source(DeadLetter letter) {
        return letter.getSourceTopic() + "-" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private Set<Long> redrivenOffsets() {
        Set<Long> out = new java.util.HashSet<>();
        StringDeserializer text = new StringDeserializer();
        for (ConsumerRecord<byte[], byte[]> r : readAll(REDRIVEN_TOPIC)) {
            out.add(Long.parseLong(text.deserialize(REDRIVEN_TOPIC, r.key())));
        }
        return out;
    }

    /** Every committed record of a topic from the beginning to its current end (none if it does not exist). */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new LinkedHashMap<>(consumer.endOffsets(partitions, TIMEOUT));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), TIMEOUT) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " to its end took longer than " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> cfg = new HashMap<>(kafka);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void ensureMarkerTopic() {
        try (Admin admin = Admin.create(kafka)) {
            Topics.Spec spec = Topics.DLQ_REDRIVEN_TOPIC.spec(1);
            NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                    .configs(spec.configs());
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + REDRIVEN_TOPIC + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + REDRIVEN_TOPIC, e);
        }
    }

    @Override
    public void close() {
        letters.close();
    }
}
