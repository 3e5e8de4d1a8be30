package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.TestDatabases;
import dev.bbinv.sink.testing.Fixtures;
import dev.bbinv.sink.testing.SinkKafka;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.FaultyRegistryProxy;
import dev.bbinv.testkit.TestRegistry;
import dev.bbinv.testkit.TopicReader;

/**
 * The sink reads through a proxy that makes the registry answer an error or refuse connections: it holds the record
 * and waits (nothing is dead-lettered, nothing written), and applies it once the registry heals.
 */
class SinkRegistryOutageIT {
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

    /** 0 stands for "connection refused". */
    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 429, 503, 0})
    void aRegistryOutagePausesTheSinkWithoutDeadLetteringAndTheRecordIsAppliedOnceItHeals(int status)
            throws InterruptedException {
        String run = UUID.randomUUID().toString();
        RepositoryAsset asset = Fixtures.cloudRepository(run, "outage-" + status, 1).build();
        try (FaultyRegistryProxy proxy = new FaultyRegistryProxy(TestRegistry.url())) {
            var config = SinkKafka.sinkConfig(TestDatabases.sqliteUrl(), "sink-registry-outage-" + run);
            config.put(SinkConfig.SCHEMA_REGISTRY_URL_CONFIG, proxy.url().toString());
            if (status == 0) {
                proxy.refuseConnections();
            } else {
                proxy.failWith(status);
            }
            try (SinkRole sink = SinkRole.start(config)) {
                var sent = kafka.sendRaw(Topics.REPOSITORIES, kafka.key(Topics.REPOSITORIES, asset.getId()),
                        kafka.value(asset));
                if (status == 0) {
                    Thread.sleep(3000); // several polls and backoffs (100 ms .. 1 s) against a closed port
                } else {
                    Await.until(TIMEOUT, "the sink to ask the failing registry twice", () -> proxy.faultsAnswered() >= 2);
                }
                InventoryReader reader = new InventoryReader(sink.database());
                assertTrue(reader.repository(asset.getId()).isEmpty(), "nothing is written while the registry is out");
                assertTrue(sink.isRunning(), "the sink waits instead of stopping");

                proxy.heal();
                kafka.awaitCaughtUp(sink.database(), TIMEOUT);
                assertEquals(Fixtures.record(asset), reader.repository(asset.getId()).orElseThrow());
                // Other tests' poison records on the shared topics are dead-lettered too; ours must not be among them.
                List<DeadLetter> ours = TopicReader.readCommitted(Topics.DLQ, AvroSerdes.key(TestRegistry.client()).deserializer(),
                        AvroSerdes.value(DeadLetter.class, TestRegistry.client()).deserializer()).stream()
                        .map(ConsumerRecord::value)
                        .filter(l -> l.getSourceTopic().equals(sent.topic()) && l.getSourcePartition() == sent.partition()
                                && l.getSourceOffset() == sent.offset())
                        .toList();
                assertEquals(List.of(), ours, "an outage is not the record's fault");
            }
        }
    }
}
