package dev.bbinv.enricher.topology;

import static dev.bbinv.enricher.Fixtures.GEORDI_ID;
import static dev.bbinv.enricher.Fixtures.GEORDI_UUID;
import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.commit;
import static dev.bbinv.enricher.Fixtures.commits;
import static dev.bbinv.enricher.Fixtures.resource;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;

/** Raw commit activity through the production topology: keys checked like the other raw topics. */
class CommitActivityTest {
    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aReadBeforeTheRepositoryIsKeptUntilItIsSeenAndBadKeysAreDeadLettered() {
        String key = SightingKeys.seen("cloud-acme", "bitbucket", GEORDI_ID);
        harness.commits.pipeInput(key, commits(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, T0,
                commit("c1", T0, "Ann", "ann@acme.com", null)));
        assertTrue(harness.repositoryAssets.isEmpty(), "no asset before the repository is seen");

        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
        RepositoryAsset asset = harness.repositoryAssets.readValue();
        assertEquals(T0, asset.getLastCommitAt());
        assertEquals(Freshness.ACTIVE, asset.getFreshness()); // the test driver's wall clock is 1970
        assertEquals(List.of("ann@acme.com"), asset.getDevelopers().stream().map(Developer::getEmail).toList());

        // Another repository's read under this key, and a key naming another profile: both dead letters.
        harness.commits.pipeInput(key, commits(cloud("cloud-acme", "bitbucket", T0),
                "{99999999-0000-0000-0000-000000000000}", T0));
        harness.commits.pipeInput(SightingKeys.seen("other", "bitbucket", GEORDI_ID),
                commits(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, null));
        harness.commits.pipeInput(key, (RawCommitActivityEvent) null); // a tombstone: nothing to do
        List<DeadLetter> letters = harness.deadLetters.readValuesToList();
        assertEquals(2, letters.size());
        assertEquals(Topics.RAW_COMMITS, letters.get(0).getSourceTopic());
        assertTrue(letters.get(0).getReason().contains("is not the identity"), letters.get(0).getReason());
        assertTrue(letters.get(1).getReason().contains("names another sighting"), letters.get(1).getReason());
        assertTrue(harness.repositoryAssets.isEmpty());

        // An empty repository read by the same profile later: no commit data any more.
        harness.commits.pipeInput(key, commits(cloud("cloud-acme", "bitbucket", T0.plusSeconds(60)), GEORDI_UUID,
                null));
        RepositoryAsset empty = harness.repositoryAssets.readValue();
        assertEquals(Freshness.NA, empty.getFreshness());
        assertEquals(List.of(), empty.getDevelopers());
    }
}
