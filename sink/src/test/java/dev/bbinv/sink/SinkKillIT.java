package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.sink.testing.SinkKafka;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestRegistry;

/** A sink process killed with SIGKILL in the middle of its work, then restarted, leaves the database equal to the topics. */
class SinkKillIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int REPOSITORIES = 300;
    private static final int VERSIONS = 6;

    @Test
    void aSinkKilledMidStreamAndRestartedLeavesTheDatabaseEqualToTheFinalStateOfTheTopics() throws Exception {
        String run = UUID.randomUUID().toString();
        String group = "sink-kill-" + run;
        String url = TestDatabases.sqliteUrl();
        Database db = Database.openAndMigrate(url, null, null);
        try (SinkKafka kafka = new SinkKafka()) {
            // Given versions 1..VERSIONS-1 of each repository, interleaved, and some users.
            for (int v = 1; v < VERSIONS; v++) {
                for (int i = 0; i < REPOSITORIES; i++) {
                    kafka.send(Fixtures.cloudRepository(run + "-" + i, "repo-" + i + "-v" + v, v).build());
                }
            }
            for (int i = 0; i < 20; i++) {
                kafka.send(Fixtures.user(Math.abs((run + i).hashCode()), 1).build());
            }
            kafka.flush();
            Map<TopicPartition, Long> end = kafka.endOffsets();
            long total = end.values().stream().mapToLong(Long::longValue).sum();

            // When a sink process writing small batches is killed with SIGKILL part-way through
            Process child = startSinkProcess(url, group, run);
            try {
                Await.until(TIMEOUT, "the child sink to commit some batches",
                        () -> stored(db) > 0 || !child.isAlive());
                assertTrue(child.isAlive(), "the child sink exited early; see its log under target/");
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            long atKill = stored(db);
            assertTrue(atKill < total, "killed before it finished (" + atKill + " of " + total + ")");

            // and more changes arrive, including tombstones, before a new sink starts
            for (int i = 0; i < REPOSITORIES; i += 10) {
                kafka.send(Fixtures.cloudRepository(run + "-" + i, "repo-" + i + "-last", VERSIONS).build());
            }
            for (int i = 5; i < REPOSITORIES; i += 50) {
                kafka.tombstone(Topics.REPOSITORIES, Fixtures.cloudRepository(run + "-" + i, "x", 1).build().getId());
            }
            try (SinkRole restarted = SinkRole.start(SinkKafka.sinkConfig(url, group))) {
                kafka.awaitCaughtUp(restarted.database(), TIMEOUT);
            }
        }

        // Then the database holds exactly the final state of every key of this run
        Map<String, RepositoryAsset> repos = SinkKafka.finalState(Topics.REPOSITORIES,
                AvroSerdes.value(RepositoryAsset.class, TestRegistry.client()).deserializer());
        Map<String, UserAsset> users = SinkKafka.finalState(Topics.USERS,
                AvroSerdes.value(UserAsset.class, TestRegistry.client()).deserializer());
        InventoryReader reader = new InventoryReader(db);
        int checked = 0;
        for (Map.Entry<String, RepositoryAsset> e : repos.entrySet()) {
            if (!e.getKey().contains(run)) {
                continue;
            }
            checked++;
            if (e.getValue() == null) {
                assertTrue(reader.repository(e.getKey()).isEmpty(), e.getKey() + " was tombstoned");
            } else {
                assertEquals(Fixtures.record(e.getValue()), reader.repository(e.getKey()).orElseThrow(), e.getKey());
            }
        }
        assertEquals(REPOSITORIES, checked);
        for (Map.Entry<String, UserAsset> e : users.entrySet()) {
            if (e.getValue() != null) {
                assertEquals(Fixtures.record(e.getValue()), reader.user(e.getKey()).orElseThrow(), e.getKey());
            }
        }
    }

    private static long stored(Database db) {
        try {
            return SinkKafka.databaseOffsets(db).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Process startSinkProcess(String url, String group, String run) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SinkMain.class.getName());
        SinkKafka.sinkConfig(url, group).forEach((k, v) -> command.add(k + "=" + v));
        command.add(SinkConfig.BATCH_MAX_RECORDS_CONFIG + "=7");
        Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "sink-child-" + run, ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }
}
