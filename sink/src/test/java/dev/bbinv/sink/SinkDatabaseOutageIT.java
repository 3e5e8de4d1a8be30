package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.sink.testing.SinkKafka;
import dev.bbinv.testkit.Await;

/** A real PostgreSQL stopped under a running sink, then started again: the sink waits, then loses nothing. */
class SinkDatabaseOutageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** One attempt may wait out the 60 s socket timeout when the server dies mid-reply; the retry after it counts. */
    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(150);

    @Test
    void aStoppedDatabasePausesTheSinkWhichResumesWhenItIsBackLosingNothing() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-outage-");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
        int port = pg.getPort();
        String url = TestDatabases.createDatabase(pg);
        String run = UUID.randomUUID().toString();
        List<RepositoryAsset> before = new ArrayList<>();
        List<RepositoryAsset> during = new ArrayList<>();
        try (SinkKafka kafka = new SinkKafka()) {
            for (int i = 0; i < 20; i++) {
                before.add(Fixtures.cloudRepository(run + "-" + i, "before-" + i, 1).build());
            }
            before.forEach(kafka::send);
            var config = SinkKafka.sinkConfig(url, "sink-outage-" + run);
            config.put(SinkConfig.JDBC_USER_CONFIG, "postgres");
            try (SinkRole sink = SinkRole.start(config)) {
                kafka.awaitCaughtUp(sink.database(), TIMEOUT);

                pg.close();
                for (int i = 0; i < 20; i++) {
                    during.add(Fixtures.cloudRepository(run + "-" + i, "during-" + i, 2).build());
                    during.add(Fixtures.cloudRepository(run + "-new-" + i, "new-" + i, 1).build());
                }
                during.forEach(kafka::send);
                Await.until(OUTAGE_NOTICED, "the sink to notice the outage", () -> sink.stats().databaseFailures() >= 2);
                assertTrue(sink.isRunning(), "the sink waits instead of stopping");
                long appliedDuringOutage = sink.stats().recordsApplied();

                pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
                kafka.awaitCaughtUp(sink.database(), TIMEOUT);

                InventoryReader reader = new InventoryReader(sink.database());
                for (RepositoryAsset asset : during) {
                    assertEquals(Fixtures.record(asset), reader.repository(asset.getId()).orElseThrow(), asset.getId());
                }
                assertTrue(sink.stats().recordsApplied() >= appliedDuringOutage + during.size());
            }
        } finally {
            pg.close();
        }
    }
}
