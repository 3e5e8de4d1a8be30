package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ProfileWorker.ProfileSync;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudRepo;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.sim.log.RecordedRequest;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/** Catalog files fetched a page at a time by a small pool, and only when their repository changed. */
@Timeout(120)
class CatalogFetchIT {
    private static final String SRC = "GET /2.0/repositories/{workspace}/{repo_slug}/src/{commit}/{path}";
    private static final String LISTING = "GET /2.0/repositories/{workspace}";

    @BeforeAll
    static void setUp() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static Map<String, Object> config(long pollMs, long fullMs, int concurrency) {
        Map<String, Object> config = ConnectorIts.config(pollMs, fullMs);
        config.put("catalog.fetch.concurrency", String.valueOf(concurrency));
        return config;
    }

    private static Profile profile(String name, BitbucketSimulator sim) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(BitbucketSimulator.CLOUD_EMAIL,
                Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of())
                .withCatalog(new CatalogSettings(true, "catalog-info.yaml", Map.of()));
    }


    @Test
    void filesFetchedInParallelEachOnceAndEachPublishedWithItsOwnRepository() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(250)
                .catalogShare(0.5).seed(31).build())) {
            sim.codeSearch().disable(404); // probes: every repository's file is asked
            String name = "pool-" + UUID.randomUUID().toString().substring(0, 8);
            // The first 8 files answer 300 ms late: one after another they would end at least 300 ms apart.
            sim.inject(Fault.delay(Duration.ofMillis(300)).on("/2.0/repositories/.*/src/.*").times(8));
            try (ConnectorRole role = ConnectorRole.start(config(3_600_000, 3_600_000, 4), List.of(profile(name, sim)))) {
                List<ProfileSync> sync = role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertFalse(sync.get(0).stopped(), sync.toString());
            }
            assertEquals(250, sim.requests().count(SRC), "one request per repository, none repeated");
            List<Instant> firstAnswers = sim.requests().all().stream().filter(r -> r.route().equals(SRC))
                    .map(RecordedRequest::at).sorted().limit(8).toList();
            long closest = Long.MAX_VALUE;
            for (int i = 1; i < firstAnswers.size(); i++) {
                closest = Math.min(closest, Duration.between(firstAnswers.get(i - 1), firstAnswers.get(i)).toMillis());
            }
            assertTrue(closest < 150, "delayed files were answered " + closest + " ms apart at the closest: not in parallel");
            Map<String, RawCatalogFileEvent> byKey = new HashMap<>();
            catalogFiles(name).forEach(r -> byKey.put(r.key(), r.value()));
            assertEquals(250, catalogFiles(name).size());
            for (CloudRepo repo : sim.cloud().allRepositories()) {
                RawCatalogFileEvent file = byKey.get(AssetIds.cloud(repo.uuid()));
                String expected = repo.files().get("catalog-info.yaml");
                if (expected == null) {
                    assertEquals(CatalogFileStatus.ABSENT, file.getStatus(), repo.slug());
                } else {
                    assertEquals(CatalogFileStatus.FOUND, file.getStatus(), repo.slug());
                    assertEquals(expected, file.getContent(), "the file of " + repo.slug() + " under its own key");
                }
            }
        }
    }

    @Test
    void aNextCompleteScanOfAnUnchangedEstateAsksForNoCatalogFileNotEvenTheAbsentOnes() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(120)
                .catalogShare(0.5).seed(32).build())) {
            String name = "absent-" + UUID.randomUUID().toString().substring(0, 8);
            try (ConnectorRole role = ConnectorRole.start(config(200, 200, 4), List.of(profile(name, sim)))) {
                role.firstCompleteSync().get(60, TimeUnit.SECONDS);
                assertTrue(catalogFiles(name).stream().anyMatch(f -> f.value().getStatus() == CatalogFileStatus.ABSENT));
                sim.requests().reset();
                CloudRepo pushed = sim.cloud().allRepositories().stream()
                        .filter(r -> !r.files().containsKey("catalog-info.yaml")).findFirst().orElseThrow();
                sim.cloud().setCatalogFile(pushed.uuid(), "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                        + "metadata:\n  name: added-later\n");
                Await.until(Duration.ofSeconds(30), "two more complete scans (two pages each)",
                        () -> sim.requests().count(LISTING) >= 5);
                assertEquals(1, sim.requests().count(r -> r.route().equals(SRC)),
                        "only the pushed repository's file asked again: " + sim.requests().countsByRoute());
                assertTrue(sim.requests().all().stream().filter(r -> r.route().equals(SRC))
                        .allMatch(r -> r.path().contains("/" + pushed.slug() + "/")));
                assertTrue(catalogFiles(name).stream().anyMatch(f -> f.key().equals(AssetIds.cloud(pushed.uuid()))
                        && f.value().getStatus() == CatalogFileStatus.FOUND));
            }
        }
    }
}
