package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * One credential that the server holds back (a long Retry-After on every catalog file) waits alone: a profile with
 * another credential lists its repositories and reads its catalog files meanwhile.
 */
@Timeout(120)
class StarvedCredentialIT {
    private static final String SRC = "GET /2.0/repositories/{workspace}/{repo_slug}/src/{commit}/{path}";

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
    }

    @Test
    void aProfileWaitingOnALongRetryAfterDoesNotHoldUpAnotherProfilesCatalogReads() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(6)
                .serverProjects(1).serverRepos(6).catalogShare(1.0).seed(51).build())) {
            CatalogSettings catalog = new CatalogSettings(true, "catalog-info.yaml", Map.of());
            String starved = unique("starved");
            String fed = unique("fed");
            Profile dc = Profile.server(starved, URI.create(sim.serverBase()), Credentials.basic(
                    BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)), List.of())
                    .withCatalog(catalog);
            Profile cloud = Profile.cloud(fed, URI.create(sim.cloudApiBase()), Credentials.basic(
                    BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of())
                    .withCatalog(catalog);
            // Data Center answers every file with 429 and "come back in 10 minutes"; Cloud's listing starts late,
            // so the Data Center profile is already waiting when Cloud's files are read.
            sim.inject(Fault.rateLimit().retryAfter(600).on("/rest/api/1.0/projects/.*/raw/.*").always());
            sim.inject(Fault.delay(Duration.ofSeconds(2)).on("/2.0/repositories/[^/]+").times(1));
            Map<String, Object> config = ConnectorIts.config(3_600_000, 3_600_000);
            config.put("catalog.fetch.concurrency", "2");
            try (ConnectorRole role = ConnectorRole.start(config, List.of(dc, cloud))) {
                Await.until(Duration.ofSeconds(60), "the Cloud profile's first sync",
                        () -> role.syncSoFar().get(1).ended());

                ProfileSync cloudSync = role.syncSoFar().get(1);
                assertTrue(cloudSync.synced(), cloudSync.toString());
                assertEquals(6, sim.requests().count(SRC), "every Cloud catalog file read");
                assertEquals(6, catalogFiles(fed).size());
                assertFalse(role.syncSoFar().get(0).ended(), "the Data Center profile still waits for its Retry-After");
            }
        }
    }
}
