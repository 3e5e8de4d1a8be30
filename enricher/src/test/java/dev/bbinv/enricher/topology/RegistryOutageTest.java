package dev.bbinv.enricher.topology;

import static dev.bbinv.enricher.Fixtures.GEORDI_ID;
import static dev.bbinv.enricher.Fixtures.GEORDI_UUID;
import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.resource;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.registry.HttpSchemaRegistryClient;
import dev.bbinv.schemas.serde.SchemaRegistryUnavailableException;
import dev.bbinv.testkit.FaultyRegistryProxy;
import dev.bbinv.testkit.TestRegistry;

/**
 * The topology reads through a proxy that makes the registry answer an error or refuse connections: the record fails
 * the task (so Streams re-reads it after the thread is replaced) and is never dead-lettered; once the registry heals,
 * the same record is processed.
 */
class RegistryOutageTest {
    /** 0 stands for "connection refused". */
    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 429, 500, 503, 0})
    void aRegistryOutageFailsTheTaskWithoutDeadLetteringAndTheRecordIsProcessedOnceItHeals(int status) {
        try (FaultyRegistryProxy proxy = new FaultyRegistryProxy(TestRegistry.url());
             TopologyHarness harness = new TopologyHarness(TopologyHarness.SETTINGS,
                     new HttpSchemaRegistryClient(proxy.url(), null, java.time.Duration.ofSeconds(5)))) {
            if (status == 0) {
                proxy.refuseConnections();
            } else {
                proxy.failWith(status);
            }
            StreamsException failed = assertThrows(StreamsException.class, () -> seeGeordi(harness));
            assertTrue(SchemaRegistryUnavailableException.isCause(failed), failed.toString());
            assertTrue(harness.deadLetters.isEmpty(), "an outage is not the record's fault");
            assertTrue(harness.repositoryAssets.isEmpty());
            assertEquals(0.0, harness.metric("dead-letter-total"));

            proxy.heal();
            seeGeordi(harness); // what the replaced stream thread does: read the record again from the last commit

            List<RepositoryAsset> assets = harness.repositoryAssets.readValuesToList();
            assertEquals(List.of(GEORDI_ID), assets.stream().map(RepositoryAsset::getId).toList());
            assertTrue(harness.deadLetters.isEmpty());
        }
    }

    private static void seeGeordi(TopologyHarness harness) {
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
    }
}
