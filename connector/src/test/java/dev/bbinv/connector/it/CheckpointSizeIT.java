package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ConnectorState;
import dev.bbinv.connector.poll.ScopeKey;
import dev.bbinv.connector.publish.CheckpointReader;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.ScopeProgress;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;
import dev.bbinv.testkit.TestRegistry;

/**
 * The checkpoint topic stays small under Data Center polling (each poll lists everything): an unchanged entity gets
 * no new checkpoint record, removals still work; and how long the start-up read of the topic takes (printed).
 */
@Timeout(600)
class CheckpointSizeIT {
    private static final String LISTING = "GET /rest/api/1.0/projects/{projectKey}/repos";

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static long entityRecords(String profile) {
        AtomicLong count = new AtomicLong();
        CheckpointReader.readAll(TestKafka.bootstrapServers(), Map.of(), TestRegistry.client(), Duration.ofSeconds(60),
                (key, value) -> {
                    if (key.startsWith(profile + "|repositories|") && key.split("\\|").length == 4) {
                        count.incrementAndGet();
                    }
                });
        return count.get();
    }

    @Test
    void pollsOfAnUnchangedDataCenterEstateWriteNoEntityCheckpointsAndDeletionsAreStillRemoved() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().serverProjects(1)
                .serverRepos(30).serverUsers(2).catalogShare(0).archivedShare(0).seed(61).build()).start()) {
            String name = unique("dc-quiet");
            Profile profile = Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(
                    BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)), List.of());
            try (ConnectorRole role = ConnectorRole.start(ConnectorIts.config(200, 200), List.of(profile))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                long listings = sim.requests().count(LISTING);
                Await.until(Duration.ofSeconds(60), "one more complete scan",
                        () -> sim.requests().count(LISTING) >= listings + 1);
                // The first scan writes a record per repository for its listing and one for its commit read (the
                // next read is commits.refresh.interval.ms away); the polls after it write none.
                long settled = entityRecords(name);
                assertTrue(settled >= 30 && settled <= 60, "one or two records per repository: " + settled);
                Await.until(Duration.ofSeconds(60), "three more complete scans",
                        () -> sim.requests().count(LISTING) >= listings + 4);
                assertEquals(settled, entityRecords(name), "no record per poll");

                ServerRepo gone = sim.server().allRepositories().active()[0];
                sim.server().delete(gone.id());
                Await.until(Duration.ofSeconds(60), "the deleted repository removed after two complete scans",
                        () -> repositories(name).stream().anyMatch(e -> e.value().getKind() == RawEventKind.REMOVED));
                assertEquals(1, repositories(name).stream()
                        .filter(e -> e.value().getKind() == RawEventKind.REMOVED).count());
            }
        }
    }

    /**
     * Prints how long the connector's start-up read takes for 100,000 DC repositories: written once (what polls now
     * write for an unchanged estate) and rewritten by {@code bench.polls} polls (what every poll wrote before).
     */
    @Test
    void printsTheStartUpReadOfAHundredThousandRepositoryEstate() throws Exception {
        int repos = Integer.getInteger("bench.repos", 100_000);
        int polls = Integer.getInteger("bench.polls", 5);
        String now = unique("bench-now");
        String before = unique("bench-before");
        write(now, repos, 1);
        long nowRead = timedRead(now, repos);
        write(before, repos, polls);
        long beforeRead = timedRead(before, repos);
        System.out.printf("CHECKPOINT BENCH: %,d repositories; written once: start-up read %,d ms; rewritten by %d"
                + " polls (%,d records, as each poll did before): %,d ms%n", repos, nowRead, polls,
                (long) repos * polls, beforeRead);
    }

    /** The read's timeout is for a stall: a long topic that keeps coming is read to its end however long it takes. */
    @Test
    void aStartUpReadLongerThanItsTimeoutFinishesWhileItMakesProgress() {
        String profile = unique("long-read");
        write(profile, 8_000, 1);
        AtomicLong read = new AtomicLong();
        long started = System.nanoTime();
        CheckpointReader.readAll(TestKafka.bootstrapServers(), Map.of(), TestRegistry.client(), Duration.ofSeconds(3),
                (key, value) -> {
                    // Only this test's records pace the read: the topic also holds the other tests' estates.
                    if (value != null && profile.equals(value.getProfile().toString())
                            && read.incrementAndGet() % 2_000 == 0) {
                        sleep(1_100); // a slow consumer of the records, e.g. a busy disk
                    }
                });
        assertTrue(System.nanoTime() - started > Duration.ofSeconds(4).toNanos(), "longer than the timeout in all");
        assertTrue(read.get() >= 8_000, "read to the end: " + read.get());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(String profile, int repos, int polls) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        ScopeKey key = new ScopeKey(profile, ScopeKey.Entity.REPOSITORIES, "PROJ");
        try (KafkaProducer<String, ConnectorCheckpoint> producer = new KafkaProducer<>(props,
                AvroSerdes.keySerializer(TestRegistry.client()),
                AvroSerdes.valueSerializer(ConnectorCheckpoint.class, TestRegistry.client()))) {
            for (int poll = 0; poll < polls; poll++) {
                String scanId = "scan-" + poll;
                producer.send(new ProducerRecord<>(Topics.CONNECTOR_CHECKPOINTS, key.checkpointKey(),
                        new ConnectorCheckpoint(CheckpointKind.SCOPE, profile, "repositories", "PROJ",
                                ScopeProgress.newBuilder().setServiceType("SERVER").setBaseUrl("https://dc.example")
                                        .setLastCompleteScanId(scanId).build(), null, null)));
                for (int id = 1; id <= repos; id++) {
                    String sourceId = String.valueOf(id);
                    producer.send(new ProducerRecord<>(Topics.CONNECTOR_CHECKPOINTS, key.entityKey(sourceId),
                            new ConnectorCheckpoint(CheckpointKind.ENTITY, profile, "repositories", "PROJ", null,
                                    new EntityProgress(sourceId, null, scanId, "2026-12-06T10:00:00Z|" + id,
                                            "f" + Integer.toHexString(id * 31), "on|catalog-info.yaml|", null), null)));
                }
            }
            producer.flush();
        }
    }

    /** Reads the whole topic as the connector does at start; checks the profile's entities came back; returns ms. */
    private static long timedRead(String profile, int repos) {
        ConnectorState state = new ConnectorState();
        long started = System.nanoTime();
        CheckpointReader.readAll(TestKafka.bootstrapServers(), Map.of(), TestRegistry.client(), Duration.ofMinutes(5),
                state::apply);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(repos, state.entities(new ScopeKey(profile, ScopeKey.Entity.REPOSITORIES, "PROJ")).size());
        return ms;
    }
}
