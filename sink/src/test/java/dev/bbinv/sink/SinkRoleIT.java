package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.sink.testing.SinkKafka;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/** The sink role on a real broker and registry, writing to a real SQLite file. */
class SinkRoleIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static SinkKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new SinkKafka();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void recordsOnTheTopicsEndInTheDatabaseAndPoisonRecordsGoToTheDlqWithTheirReason() {
        String run = UUID.randomUUID().toString();
        RepositoryAsset v1 = Fixtures.cloudRepository(run + "-a", "alpha", 1).build();
        RepositoryAsset v2 = Fixtures.cloudRepository(run + "-a", "alpha-renamed", 2).build();
        RepositoryAsset doomed = Fixtures.cloudRepository(run + "-b", "beta", 1).build();
        UserAsset user = Fixtures.user(Math.abs(run.hashCode()), 1).build();
        kafka.send(v1);
        kafka.send(v2);
        kafka.send(doomed);
        kafka.send(user);
        kafka.tombstone(Topics.REPOSITORIES, doomed.getId());
        var garbage = kafka.sendRaw(Topics.REPOSITORIES, kafka.key(Topics.REPOSITORIES, "cloud:" + run + "-x"),
                "not avro".getBytes(StandardCharsets.UTF_8));
        var wrongKey = kafka.sendRaw(Topics.REPOSITORIES, kafka.key(Topics.REPOSITORIES, "cloud:someone-else"),
                kafka.value(Fixtures.cloudRepository(run + "-c", "gamma", 1).build()));
        String group = "sink-it-" + run;
        String url = TestDatabases.sqliteUrl();

        try (SinkRole sink = SinkRole.start(SinkKafka.sinkConfig(url, group))) {
            kafka.awaitCaughtUp(sink.database(), TIMEOUT);
            InventoryReader reader = new InventoryReader(sink.database());

            assertEquals(Fixtures.record(v2), reader.repository(v2.getId()).orElseThrow());
            assertTrue(reader.repository(doomed.getId()).isEmpty(), "the tombstone removed the repository");
            assertTrue(reader.repository("cloud:" + run + "-c").isEmpty(), "a value under the wrong key is not applied");
            assertEquals(Fixtures.record(user), reader.user(user.getId()).orElseThrow());
            assertTrue(sink.stats().deadLettered() >= 2);
            Await.until(TIMEOUT, "the consumer group to hold the database's offsets",
                    () -> groupMatches(kafka.groupOffsets(group), SinkKafka.databaseOffsets(sink.database())));
        }
        List<ConsumerRecord<String, DeadLetter>> dlq = TopicReader.readCommitted(Topics.DLQ,
                AvroSerdes.key(TestRegistry.client()).deserializer(),
                AvroSerdes.value(DeadLetter.class, TestRegistry.client()).deserializer());
        DeadLetter notAvro = letterFor(dlq, garbage);
        DeadLetter mismatch = letterFor(dlq, wrongKey);
        assertEquals("sink", notAvro.getStage());
        assertEquals("cloud:" + run + "-x", dlq.stream().filter(r -> r.value() == notAvro).findFirst().orElseThrow().key());
        assertTrue(notAvro.getReason().contains(Topics.REPOSITORIES), notAvro.getReason());
        assertEquals("not avro", StandardCharsets.UTF_8.decode(notAvro.getValue()).toString());
        assertTrue(mismatch.getReason().contains("differs from the asset id"), mismatch.getReason());
    }

    @Test
    void aRestartResumesFromTheDatabasesOffsetsEvenWhenTheGroupWasRewoundAndAppliesNothingTwice() {
        String run = UUID.randomUUID().toString();
        String group = "sink-it-" + run;
        String url = TestDatabases.sqliteUrl();
        for (int i = 0; i < 5; i++) {
            kafka.send(Fixtures.cloudRepository(run + "-" + i, "first-" + i, 1).build());
        }
        try (SinkRole sink = SinkRole.start(SinkKafka.sinkConfig(url, group))) {
            kafka.awaitCaughtUp(sink.database(), TIMEOUT);
        }
        kafka.rewindGroup(group);
        RepositoryAsset newer = Fixtures.cloudRepository(run + "-0", "first-0-v2", 2).build();
        kafka.send(newer);
        kafka.send(Fixtures.cloudRepository(run + "-new", "second", 1).build());
        kafka.send(Fixtures.user(Math.abs(run.hashCode()), 1).build());

        try (SinkRole sink = SinkRole.start(SinkKafka.sinkConfig(url, group))) {
            kafka.awaitCaughtUp(sink.database(), TIMEOUT);

            assertEquals(3, sink.stats().recordsApplied(), "only the three records produced since the stop");
            assertEquals(Fixtures.record(newer), new InventoryReader(sink.database()).repository(newer.getId()).orElseThrow());
        }
    }

    @Test
    void aDatabaseThatStartsEmptyIsRebuiltFromTheBeginningOfTheTopicsWhateverTheGroupCommitted() {
        String run = UUID.randomUUID().toString();
        String group = "sink-it-" + run;
        RepositoryAsset asset = Fixtures.cloudRepository(run, "rebuilt", 1).build();
        kafka.send(asset);
        try (SinkRole sink = SinkRole.start(SinkKafka.sinkConfig(TestDatabases.sqliteUrl(), group))) {
            kafka.awaitCaughtUp(sink.database(), TIMEOUT);
        }

        try (SinkRole fresh = SinkRole.start(SinkKafka.sinkConfig(TestDatabases.sqliteUrl(), group))) {
            kafka.awaitCaughtUp(fresh.database(), TIMEOUT);

            assertEquals(Fixtures.record(asset), new InventoryReader(fresh.database()).repository(asset.getId()).orElseThrow());
        }
    }

    private static boolean groupMatches(Map<TopicPartition, Long> group, Map<TopicPartition, Long> database) {
        return database.entrySet().stream().allMatch(e -> group.getOrDefault(e.getKey(), 0L).equals(e.getValue()));
    }

    private static DeadLetter letterFor(List<ConsumerRecord<String, DeadLetter>> dlq, SinkKafka.TopicPartitionOffset where) {
        return dlq.stream().map(ConsumerRecord::value)
                .filter(d -> d.getSourceTopic().equals(where.topic()) && d.getSourcePartition() == where.partition()
                        && d.getSourceOffset() == where.offset())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + where));
    }

}
