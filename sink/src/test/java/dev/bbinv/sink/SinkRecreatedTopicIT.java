package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.sink.testing.SinkKafka;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * A topic deleted and created again while the sink was stopped: on the real broker, the sink sees its stored offsets
 * past the new log's end, starts those partitions from the beginning, and lowers the stored offsets, so records the
 * new topic gets later are not skipped after the next restart either.
 */
class SinkRecreatedTopicIT {
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
    void aRecreatedTopicIsReadFromItsBeginningAndNothingItGetsLaterIsSkipped() throws Exception {
        String run = UUID.randomUUID().toString();
        String url = "jdbc:sqlite:" + Files.createTempDirectory("recreated").resolve("inv.db");
        Database db = Database.openAndMigrate(url, null, null);
        Map<String, Object> cfg = SinkKafka.sinkConfig(url, "recreated-" + run);
        List<RepositoryAsset> before = assets(run + "-old", 10);
        try (SinkRole sink = SinkRole.start(cfg)) {
            before.forEach(kafka::send);
            kafka.flush();
            Await.until(TIMEOUT, "the first 10 assets", () -> ids(db).containsAll(ids(before)));
        }

        recreate(Topics.REPOSITORIES);
        List<RepositoryAsset> first = assets(run + "-new", 12);
        first.subList(0, 2).forEach(kafka::send);
        kafka.flush();
        try (SinkRole sink = SinkRole.start(cfg)) {
            Await.until(TIMEOUT, "the recreated topic's first 2 assets", () -> ids(db).containsAll(ids(first.subList(0, 2))));
        }
        first.subList(2, 12).forEach(kafka::send);
        kafka.flush();
        try (SinkRole sink = SinkRole.start(cfg)) {
            Await.until(TIMEOUT, () -> "all 12 assets of the recreated topic; missing "
                    + missing(db, first), () -> missing(db, first).isEmpty());
        }
        assertEquals(Set.of(), missing(db, first));
    }

    private static Set<String> missing(Database db, List<RepositoryAsset> assets) {
        Set<String> out = ids(assets);
        out.removeAll(ids(db));
        return out;
    }

    private static List<RepositoryAsset> assets(String prefix, int n) {
        List<RepositoryAsset> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.cloudRepository(prefix + "-" + i, "repo-" + i, 1).build());
        }
        return out;
    }

    private static Set<String> ids(List<RepositoryAsset> assets) {
        return assets.stream().map(RepositoryAsset::getId).collect(Collectors.toSet());
    }

    private static Set<String> ids(Database db) {
        return new InventoryReader(db).repositories(new RepositoryQuery(null, null, null, null, null, null, null,
                RemovedFilter.ANY, null, RepositorySort.NAME, false, 1000, 0, null)).items().stream()
                .map(r -> r.id()).collect(Collectors.toSet());
    }

    /** Deletes the topic and creates it again as it was (deletion finishes in the background). */
    private static void recreate(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            Await.until(TIMEOUT, "the topic to be created again", () -> {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, SinkKafka.PARTITIONS, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return false;
                    }
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
