package dev.bbinv.enricher.topology;

import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.removed;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.RepositoryAsset;

/** Raw records keyed by sighting (contract v2) and by asset id (v1) are one asset's input alike. */
class SightingKeyedInputTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String UUID = "{5b1a2f6e-0000-4000-8000-00000000a001}";
    private static final String ID = AssetIds.cloud(UUID);
    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void versionOneAndSightingKeysOfOneRepositoryBuildOneAsset() {
        String json = cloudRepository(UUID, "acme", "api", "api", "java");
        harness.repositories.pipeInput(ID, seen(cloud("p1", "acme", T0), UUID, json));
        harness.repositories.pipeInput(SightingKeys.first("p2", "acme", ID, "scan-1"),
                seen(cloud("p2", "acme", T0.plusSeconds(60)), UUID, json));
        harness.repositories.pipeInput(SightingKeys.removed("p1", "acme", ID),
                removed(cloud("p1", "acme", T0.plusSeconds(120)), UUID, "deleted-profile"));

        var written = harness.repositoryAssets.readKeyValuesToList();
        assertEquals(List.of(ID), written.stream().map(kv -> kv.key).distinct().toList(), "every write is keyed by the asset id");
        RepositoryAsset last = written.get(written.size() - 1).value;
        assertEquals(ID, last.getId());
        assertEquals(List.of("p2"), last.getProfiles());
        assertEquals(T0, last.getFirstSeen());
        assertTrue(harness.deadLetters.isEmpty());
    }

    @Test
    void aSightingKeyOfAnotherAssetOrAMalformedOneIsDeadLettered() {
        String json = cloudRepository(UUID, "acme", "api", "api", "java");
        harness.repositories.pipeInput(SightingKeys.seen("p1", "acme", "cloud:someone-else"),
                seen(cloud("p1", "acme", T0), UUID, json));
        harness.repositories.pipeInput("sighting|seen|p1|" + ID, seen(cloud("p1", "acme", T0), UUID, json));
        harness.repositories.pipeInput(SightingKeys.seen("p2", "acme", ID), seen(cloud("p1", "acme", T0), UUID, json));

        List<String> reasons = harness.deadLetters.readValuesToList().stream().map(DeadLetter::getReason).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        // A readable record whose key contradicts its event is refused, in the dead-letter vocabulary (DeadLetterBuilder)
        assertEquals("rejected: record key 'sighting|seen|p2|acme|" + ID + "' names another sighting than its event's (profile 'p1',"
                + " scope 'acme')", reasons.get(2));
        assertEquals("rejected: record key 'cloud:someone-else' is not the identity '" + ID + "' of its repository event",
                reasons.get(0));
        assertTrue(reasons.get(1).startsWith("rejected: a seen sighting key has 5 |-separated parts, got 4"), reasons.get(1));
        assertTrue(harness.repositoryAssets.isEmpty());
    }
}
