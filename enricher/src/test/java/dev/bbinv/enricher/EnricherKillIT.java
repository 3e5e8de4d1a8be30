package dev.bbinv.enricher;

import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.InProcessKafka;
import dev.bbinv.testkit.TestRegistry;

/**
 * An enricher killed with SIGKILL in the middle of a transaction (its own JVM), then restarted: the repositories
 * topic, read_committed, holds exactly one asset per raw repository (no duplicate, no gap), and the records of the
 * transaction the kill interrupted were written but never became visible.
 */
@Timeout(240)
class EnricherKillIT {
    private static final int REPOSITORIES = 400;
    /** Raw repositories there before the child starts: once they are committed, the child is up and working. */
    private static final int BEFORE_START = 40;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void anEnricherKilledMidTransactionAndRestartedWritesEachAssetExactlyOnce() throws Exception {
        SchemaRegistryClient registry = TestRegistry.client();
        // A broker of its own: other ITs of this JVM assert the whole contents of the inventory topics.
        try (InProcessKafka kafka = InProcessKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            EmbeddedKafka.ensureTopics(bootstrap, Topics.all(2));
            String applicationId = "enricher-kill-" + UUID.randomUUID();
            List<String> ids = new ArrayList<>();
            Thread feeder;
            Process child;
            try (KafkaProducer<String, RawRepositoryEvent> producer = producer(bootstrap, registry)) {
                Instant at = Instant.parse("2026-11-01T10:00:00Z");
                for (int i = 0; i < REPOSITORIES; i++) {
                    ids.add("{" + UUID.randomUUID() + "}");
                }
                for (int i = 0; i < BEFORE_START; i++) {
                    producer.send(raw(ids, i, at));
                }
                producer.flush();
                // The rest keep arriving while the child works, so a transaction is always open; they start once the
                // child has committed the first ones (a child slow to start on a busy machine would otherwise find
                // every record there and leave no transaction open to kill it in)
                feeder = new Thread(() -> {
                    for (int i = BEFORE_START; i < REPOSITORIES; i++) {
                        producer.send(raw(ids, i, at));
                        sleep(25);
                    }
                    producer.flush();
                }, "raw-feeder");
                child = startChild(config(bootstrap, applicationId));
                try {
                    Await.until(WAIT, "the child enricher's first committed assets",
                            () -> !child.isAlive() || committed(bootstrap) >= BEFORE_START);
                    feeder.start();
                    Await.until(WAIT, "an open transaction on the repositories topic",
                            () -> !child.isAlive() || openTransaction(bootstrap));
                    assertTrue(child.isAlive(), "the child enricher exited early; see its log under target/");
                    child.destroyForcibly(); // SIGKILL: no close, no commit, no abort
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                } finally {
                    child.destroyForcibly();
                }
                long atKill = committed(bootstrap);
                assertTrue(atKill < REPOSITORIES, "killed before the end (" + atKill + " committed)");
                feeder.join(60_000);
            }

            try (EnricherRole restarted = EnricherRole.start(config(bootstrap, applicationId))) {
                Set<String> expected = ids.stream().map(AssetIds::cloud).collect(Collectors.toSet());
                Await.until(WAIT, "every asset committed", () -> committedKeys(bootstrap).keySet().containsAll(expected));
                Thread.sleep(2_000); // a duplicate would show up by now
                Map<String, Integer> perKey = committedKeys(bootstrap);
                assertEquals(expected, perKey.keySet(), "no gap, nothing else");
                assertEquals(Map.of(), perKey.entrySet().stream().filter(e -> e.getValue() != 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no duplicate");
                long written = records(bootstrap, "read_uncommitted");
                assertTrue(written > REPOSITORIES, "the killed transaction's records were written (" + written
                        + ") but are not among the " + REPOSITORIES + " committed ones");
            }
        }
    }

    private static ProducerRecord<String, RawRepositoryEvent> raw(List<String> ids, int i, Instant at) {
        return new ProducerRecord<>(Topics.RAW_REPOSITORIES, AssetIds.cloud(ids.get(i)), seen(cloud("kill-it", "acme", at),
                ids.get(i), cloudRepository(ids.get(i), "acme", "repo-" + i, "repo-" + i, "java")));
    }

    private static Map<String, Object> config(String bootstrap, String applicationId) throws Exception {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap.servers", bootstrap);
        cfg.put("schema.registry.url", TestRegistry.url().toString());
        cfg.put("application.id", applicationId);
        cfg.put("state.dir", Files.createTempDirectory("enricher-kill").toString());
        cfg.put("replication.factor", "1");
        // Long transactions: the kill lands inside one
        cfg.put("commit.interval.ms", "1500");
        cfg.put("kafka.client.session.timeout.ms", "6000");
        cfg.put("kafka.client.heartbeat.interval.ms", "1000");
        cfg.put("kafka.client.transaction.timeout.ms", "10000");
        return cfg;
    }

    private static KafkaProducer<String, RawRepositoryEvent> producer(String bootstrap, SchemaRegistryClient registry) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(cfg, AvroSerdes.keySerializer(registry),
                AvroSerdes.valueSerializer(RawRepositoryEvent.class, registry));
    }

    private static Process startChild(Map<String, Object> config) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EnricherChild.class.getName());
        config.forEach((k, v) -> command.add(k + "=" + v));
        Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "enricher-child-", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        return consumer.partitionsFor(Topics.REPOSITORIES, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(Topics.REPOSITORIES, p.partition())).toList();
    }

    /** The last stable offset lags the end: a transaction has written records it has not committed yet. */
    private static boolean openTransaction(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> committed = consumer(bootstrap, "read_committed");
             KafkaConsumer<byte[], byte[]> all = consumer(bootstrap, "read_uncommitted")) {
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions(committed));
            Map<TopicPartition, Long> end = all.endOffsets(partitions(all));
            return end.entrySet().stream().anyMatch(e -> e.getValue() > stable.get(e.getKey()));
        }
    }

    private static long committed(String bootstrap) {
        return records(bootstrap, "read_committed");
    }

    private static long records(String bootstrap, String isolation) {
        return read(bootstrap, isolation).size();
    }

    private static Map<String, Integer> committedKeys(String bootstrap) {
        SchemaRegistryClient registry = TestRegistry.client();
        Map<String, Integer> perKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read(bootstrap, "read_committed")) {
            String key = AvroSerdes.keyDeserializer(registry).deserialize(Topics.REPOSITORIES, r.key());
            RepositoryAsset asset = AvroSerdes.valueDeserializer(RepositoryAsset.class, registry)
                    .deserialize(Topics.REPOSITORIES, r.value());
            assertEquals(key, asset.getId());
            perKey.merge(key, 1, Integer::sum);
        }
        return perKey;
    }

    /** Every record of the repositories topic a consumer of {@code isolation} sees now, read to its end. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, isolation)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the repositories topic to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
