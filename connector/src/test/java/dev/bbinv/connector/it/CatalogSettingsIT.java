package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.estate.ServerRepo;
import dev.bbinv.testkit.TestKafka;

/**
 * Data Center: a profile's catalog settings changed between runs are published for every unchanged repository by the
 * next scan (whose refresh interval has not passed), with the raw-file requests each change costs.
 */
@Timeout(180)
class CatalogSettingsIT {
    private static final String RAW = "GET /rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/raw/{path}";

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    private static void runOnce(Profile profile, Map<String, Object> config) throws Exception {
        try (ConnectorRole role = ConnectorRole.start(config, List.of(profile))) {
            List<ProfileSync> sync = role.firstCompleteSync().get(90, TimeUnit.SECONDS);
            assertFalse(sync.get(0).stopped(), sync.toString());
        }
    }

    /** Where each catalog event of {@code profile} committed so far lies: partition and offset. */
    private static Set<String> positions(String profile) {
        return catalogFiles(profile).stream().map(r -> r.partition() + "@" + r.offset()).collect(Collectors.toSet());
    }

    /** The catalog event of each repository committed since {@code before} was taken. */
    private static Map<String, RawCatalogFileEvent> publishedSince(String profile, Set<String> before) {
        Map<String, RawCatalogFileEvent> latest = new HashMap<>();
        for (ConsumerRecord<String, RawCatalogFileEvent> r : catalogFiles(profile)) {
            if (!before.contains(r.partition() + "@" + r.offset())) {
                assertNull(latest.put(r.key(), r.value()), "one event per repository and run: " + r.key());
            }
        }
        return latest;
    }

    @Test
    void attributeKeysFileAndDisablingEachRepublishEveryRepositorysCatalogEventAtTheNextScan() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(2).serverRepos(30).archivedShare(0).catalogShare(0.5)
                        .noDefaultBranchShare(0).serverUsers(2).seed(41).build()).start()) {
            String name = unique("dccfg");
            Profile base = Profile.server(name, URI.create(sim.serverBase()), Credentials.basic(
                    BitbucketSimulator.SERVER_USER, Secret.of(BitbucketSimulator.SERVER_USER_PASSWORD)), List.of());
            // Polls an hour apart, and the default catalog.refresh.interval.ms (a day): only a settings change
            // can make the second run ask for a file again.
            Map<String, Object> config = config(3_600_000, 3_600_000);
            ServerRepo[] repos = sim.server().allRepositories().active();
            Set<String> keys = Arrays.stream(repos).map(r -> AssetIds.server(sim.serverBase(), r.id()))
                    .collect(Collectors.toSet());

            // Given a first run with the default settings
            runOnce(base.withCatalog(new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, Map.of())), config);
            assertEquals(repos.length, sim.requests().count(RAW));
            Map<String, RawCatalogFileEvent> first = publishedSince(name, Set.of());
            assertEquals(keys, first.keySet());
            assertTrue(first.values().stream().anyMatch(e -> e.getStatus() == CatalogFileStatus.FOUND));

            // When only attributeKeys changes, Then every repository's event is published again with the new keys
            sim.requests().reset();
            Set<String> start = positions(name);
            Map<String, String> keysOverride = Map.of("owner", "metadata.name");
            runOnce(base.withCatalog(new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, keysOverride)), config);
            Map<String, RawCatalogFileEvent> second = publishedSince(name, start);
            assertEquals(keys, second.keySet());
            for (Map.Entry<String, RawCatalogFileEvent> e : second.entrySet()) {
                assertEquals(keysOverride, e.getValue().getAttributeKeys());
                // the same file result as first published, taken from the raw topic
                assertEquals(first.get(e.getKey()).getStatus(), e.getValue().getStatus());
                assertEquals(first.get(e.getKey()).getContent(), e.getValue().getContent());
            }
            assertEquals(0, sim.requests().count(RAW), "no file asked: the contents are in the raw topic");

            // When the file changes to one that one repository holds, Then it is found there and absent elsewhere
            ServerRepo holder = repos[0];
            sim.server().setFile(holder.id(), "backstage.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                    + "metadata:\n  name: moved\n");
            sim.requests().reset();
            start = positions(name);
            runOnce(base.withCatalog(new CatalogSettings(true, "backstage.yaml", Map.of())), config);
            Map<String, RawCatalogFileEvent> third = publishedSince(name, start);
            assertEquals(keys, third.keySet());
            for (Map.Entry<String, RawCatalogFileEvent> e : third.entrySet()) {
                boolean held = e.getKey().equals(AssetIds.server(sim.serverBase(), holder.id()));
                assertEquals(held ? CatalogFileStatus.FOUND : CatalogFileStatus.ABSENT, e.getValue().getStatus());
                assertEquals("backstage.yaml", e.getValue().getPath());
            }
            assertEquals(repos.length, sim.requests().count(RAW));

            // When the catalog is disabled, Then every repository gets an ABSENT event, for no file request
            sim.requests().reset();
            start = positions(name);
            runOnce(base.withCatalog(new CatalogSettings(false, "backstage.yaml", Map.of())), config);
            Map<String, RawCatalogFileEvent> fourth = publishedSince(name, start);
            assertEquals(keys, fourth.keySet());
            fourth.values().forEach(e -> {
                assertEquals(CatalogFileStatus.ABSENT, e.getStatus());
                assertNull(e.getContent());
            });
            assertEquals(0, sim.requests().count(RAW));

            // And an unchanged restart publishes nothing and asks for no file
            sim.requests().reset();
            start = positions(name);
            runOnce(base.withCatalog(new CatalogSettings(false, "backstage.yaml", Map.of())), config);
            assertEquals(Map.of(), publishedSince(name, start));
            assertEquals(0, sim.requests().count(RAW));

            // When enabled again with the first settings, Then every file is asked and published again
            sim.requests().reset();
            start = positions(name);
            runOnce(base.withCatalog(new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, Map.of())), config);
            Map<String, RawCatalogFileEvent> sixth = publishedSince(name, start);
            assertEquals(keys, sixth.keySet());
            assertEquals(repos.length, sim.requests().count(RAW));
        }
    }
}
