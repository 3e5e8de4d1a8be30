package dev.bbinv.enricher.topology;

import static dev.bbinv.enricher.Fixtures.CLOUD_BASE;
import static dev.bbinv.enricher.Fixtures.DC_BASE;
import static dev.bbinv.enricher.Fixtures.GEORDI_ID;
import static dev.bbinv.enricher.Fixtures.GEORDI_UUID;
import static dev.bbinv.enricher.Fixtures.MY_REPO_ID;
import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.catalog;
import static dev.bbinv.enricher.Fixtures.catalogStatus;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.removed;
import static dev.bbinv.enricher.Fixtures.resource;
import static dev.bbinv.enricher.Fixtures.seen;
import static dev.bbinv.enricher.Fixtures.server;
import static dev.bbinv.enricher.Fixtures.tags;
import static dev.bbinv.enricher.Fixtures.userRemoved;
import static dev.bbinv.enricher.Fixtures.userSeen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.CloneUrl;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.avro.Visibility;

class EnricherTopologyTest {
    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private void seeGeordi(Instant at) {
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", at), GEORDI_UUID, resource("cloud/repository-geordi.json")));
    }

    @Test
    void goldenCloudRepositoryBecomesTheExpectedAsset() {
        seeGeordi(T0);

        KeyValue<String, RepositoryAsset> out = harness.repositoryAssets.readKeyValue();
        assertEquals(GEORDI_ID, out.key);
        assertEquals(RepositoryAsset.newBuilder()
                .setId(GEORDI_ID)
                .setType("repository")
                .setName("geordi")
                .setSlug("geordi")
                .setFullName("bitbucket/geordi")
                .setSource(new AssetSource(ServiceType.CLOUD, CLOUD_BASE, "bitbucket", "Bitbucket", "TOOLS",
                        "Developer tools"))
                .setBrowseUrl("https://bitbucket.org/bitbucket/geordi")
                .setCloneUrls(List.of(new CloneUrl("https", "https://bitbucket.org/bitbucket/geordi.git"),
                        new CloneUrl("ssh", "git@bitbucket.org:bitbucket/geordi.git")))
                .setDefaultBranch("main")
                .setVisibility(Visibility.PUBLIC)
                .setArchived(false)
                .setDescription("Geordi is a Python-based profiler.")
                .setCreatedAt(Instant.parse("2011-12-20T16:35:06.480Z"))
                .setUpdatedAt(Instant.parse("2012-07-16T19:37:54.123Z"))
                .setLanguages(List.of(new AssetLanguage("Python", "python", LanguageSource.BITBUCKET, true)))
                .setAppContext(null)
                .setProfiles(List.of("cloud-acme"))
                .setRemoved(false)
                .setRemovedReasons(List.of())
                .setRemovedAt(null)
                .setFirstSeen(T0)
                .setLastSeen(T0)
                .setVersion(1)
                .setLabels(List.of(new AssetLabel("Python", "system"), new AssetLabel("N/A", "system")))
                .build().toString(), out.value.toString());
        assertTrue(harness.repositoryAssets.isEmpty());
    }

    @Test
    void goldenDataCenterRepositoryBecomesTheExpectedAsset() {
        harness.repositories.pipeInput(MY_REPO_ID,
                seen(server("dc-acme", "PRJ", T0), "42", resource("server/repository-my-repo.json")));

        RepositoryAsset asset = harness.repositoryAssets.readValue();
        assertEquals(RepositoryAsset.newBuilder()
                .setId(MY_REPO_ID)
                .setName("My repo")
                .setSlug("my-repo")
                .setFullName("PRJ/my-repo")
                .setSource(new AssetSource(ServiceType.SERVER, DC_BASE, "PRJ", "My Cool Project", "PRJ",
                        "My Cool Project"))
                .setBrowseUrl("https://bitbucket.acme.com/projects/PRJ/repos/my-repo/browse")
                .setCloneUrls(List.of(new CloneUrl("ssh", "ssh://git@bitbucket.acme.com:7999/prj/my-repo.git"),
                        new CloneUrl("http", "https://bitbucket.acme.com/scm/prj/my-repo.git")))
                .setDefaultBranch("main")
                .setVisibility(Visibility.PRIVATE)
                .setArchived(false)
                .setDescription("My repo description")
                .setCreatedAt(null)
                .setUpdatedAt(null)
                .setLanguages(List.of())
                .setProfiles(List.of("dc-acme"))
                .setFirstSeen(T0)
                .setLastSeen(T0)
                .setVersion(1)
                .setLabels(List.of(new AssetLabel("N/A", "system")))
                .build().toString(), asset.toString());
    }

    @Test
    void goldenUsersBecomeTheExpectedAssets() {
        harness.users.pipeInput("cloud:9484702e-c663-4afd-aefb-c93a8cd31c28", userSeen(cloud("cloud-acme",
                "bitbucket", T0), "{9484702e-c663-4afd-aefb-c93a8cd31c28}", resource("cloud/user-brodie.json")));
        harness.users.pipeInput("server:https://bitbucket.acme.com:101", userSeen(server("dc-acme", "*", T0), "101",
                resource("server/user-jcitizen.json")));

        List<UserAsset> users = harness.userAssets.readValuesToList();
        assertEquals(UserAsset.newBuilder()
                .setId("cloud:9484702e-c663-4afd-aefb-c93a8cd31c28")
                .setServiceType(ServiceType.CLOUD)
                .setBaseUrl(CLOUD_BASE)
                .setAccountId("557058:3aae1e05-702a-41e5-81c8-f36f29afb6ca")
                .setUsername("brodie")
                .setDisplayName("Brodie Rao")
                .setEmail(null)
                .setActive(true)
                .setUserType(null)
                .setScopes(List.of("bitbucket"))
                .setProfiles(List.of("cloud-acme"))
                .setFirstSeen(T0)
                .setLastSeen(T0)
                .setVersion(1)
                .build().toString(), users.get(0).toString());
        assertEquals(UserAsset.newBuilder()
                .setId("server:https://bitbucket.acme.com:101")
                .setServiceType(ServiceType.SERVER)
                .setBaseUrl(DC_BASE)
                .setUsername("jcitizen")
                .setDisplayName("Jane Citizen")
                .setEmail("jane@example.com")
                .setActive(true)
                .setUserType("NORMAL")
                .setScopes(List.of())
                .setProfiles(List.of("dc-acme"))
                .setFirstSeen(T0)
                .setLastSeen(T0)
                .setVersion(1)
                .build().toString(), users.get(1).toString());
    }

    @Test
    void aPoisonRecordBetweenTwoGoodOnesGoesToTheDeadLetterQueue() {
        String otherUuid = "{00000000-0000-0000-0000-00000000000b}";
        seeGeordi(T0);
        byte[] poisonKey = harness.keyBytes(GEORDI_ID);
        byte[] poison = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        harness.rawRepositoryBytes.pipeInput(poisonKey, poison);
        harness.repositories.pipeInput("cloud:00000000-0000-0000-0000-00000000000b", seen(cloud("p", "acme", T0),
                otherUuid, cloudRepository(otherUuid, "acme", "b", "B", "go")));

        List<RepositoryAsset> assets = harness.repositoryAssets.readValuesToList();
        assertEquals(List.of("geordi", "B"), assets.stream().map(RepositoryAsset::getName).toList());
        KeyValue<String, DeadLetter> parked = harness.deadLetters.readKeyValue();
        assertEquals(GEORDI_ID, parked.key);
        DeadLetter letter = parked.value;
        assertEquals(Topics.RAW_REPOSITORIES, letter.getSourceTopic());
        assertEquals(0, letter.getSourcePartition());
        assertEquals(1, letter.getSourceOffset());
        assertEquals("enricher", letter.getStage());
        assertTrue(letter.getReason().contains("not the Confluent wire format magic byte"), letter.getReason());
        assertArrayEquals(poison, letter.getValue().array());
        assertArrayEquals(poisonKey, letter.getKey().array());
        assertTrue(harness.deadLetters.isEmpty());
        assertEquals(1.0, harness.metric("dead-letter-total"));
    }

    @Test
    void jsonThatIsNotARepositoryAndAKeyThatIsNotItsIdentityAreDeadLettered() {
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("p", "bitbucket", T0), GEORDI_UUID, resource("cloud/user-brodie.json")));
        harness.repositories.pipeInput("cloud:someone-else",
                seen(cloud("p", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
        harness.rawRepositoryBytes.pipeInput(null, new byte[] {0, 0, 0, 0, 1});

        List<String> reasons = harness.deadLetters.readValuesToList().stream().map(DeadLetter::getReason).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertEquals("rejected: JSON is a 'user', not a 'repository'", reasons.get(0));
        assertEquals("rejected: record key 'cloud:someone-else' is not the identity '" + GEORDI_ID + "' of its repository event",
                reasons.get(1));
        assertEquals("rejected: record has no key; the key must be the asset id", reasons.get(2));
        assertTrue(harness.repositoryAssets.isEmpty());
        assertEquals(3.0, harness.metric("dead-letter-total"));
    }

    @Test
    void aRescanOfAnUnchangedRepositoryWritesNothing() {
        seeGeordi(T0);
        seeGeordi(T0.plusSeconds(3600));
        seeGeordi(T0.plusSeconds(7200));
        assertEquals(1, harness.repositoryAssets.readValuesToList().size());
    }

    @Test
    void aRenameKeepsTheKeyAndIncrementsTheVersion() {
        seeGeordi(T0);
        harness.repositories.pipeInput(GEORDI_ID, seen(cloud("cloud-acme", "bitbucket", T0.plusSeconds(60)),
                GEORDI_UUID, cloudRepository(GEORDI_UUID, "bitbucket", "geordi-la-forge", "Geordi La Forge", "python")));
        List<KeyValue<String, RepositoryAsset>> out = harness.repositoryAssets.readKeyValuesToList();
        assertEquals(2, out.size());
        assertEquals(GEORDI_ID, out.get(1).key);
        assertEquals("Geordi La Forge", out.get(1).value.getName());
        assertEquals(2, out.get(1).value.getVersion());
    }

    @Test
    void manualTagsOverrideTheBitbucketLanguageAndClearingRestoresIt() {
        seeGeordi(T0);
        harness.tags.pipeInput(GEORDI_ID, tags(GEORDI_ID, List.of("golang", "TypeScript"), T0.plusSeconds(1)));
        harness.tags.pipeInput(GEORDI_ID, tags(GEORDI_ID, List.of(), T0.plusSeconds(2)));

        List<RepositoryAsset> out = harness.repositoryAssets.readValuesToList();
        assertEquals(3, out.size());
        assertEquals(List.of(new AssetLanguage("Go", "golang", LanguageSource.MANUAL, true),
                new AssetLanguage("TypeScript", "TypeScript", LanguageSource.MANUAL, true)), out.get(1).getLanguages());
        assertEquals(List.of(new AssetLanguage("Python", "python", LanguageSource.BITBUCKET, true)),
                out.get(2).getLanguages());
    }

    @Test
    void aTagEventForAnotherRepositoryThanItsKeyIsDeadLettered() {
        harness.tags.pipeInput(GEORDI_ID, tags("cloud:other", List.of("go"), T0));
        assertEquals("rejected: record key '" + GEORDI_ID + "' is not the identity 'cloud:other' of its language tag event",
                harness.deadLetters.readValue().getReason());
    }

    @Test
    void catalogFilesGiveAppContextAndAnAbsentFileRemovesIt() {
        seeGeordi(T0);
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                resource("catalog/component.yaml"), Map.of()));
        harness.catalogFiles.pipeInput(GEORDI_ID,
                catalogStatus(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, CatalogFileStatus.ABSENT));

        List<RepositoryAsset> out = harness.repositoryAssets.readValuesToList();
        assertEquals(3, out.size());
        AppContext context = out.get(1).getAppContext();
        assertEquals("invoice-service", context.getCatalogName());
        assertEquals("group:default/billing-team", context.getOwner());
        assertEquals("payments", context.getApplication());
        assertEquals("catalog-info.yaml", context.getFilePath());
        assertNull(out.get(2).getAppContext());
    }

    @Test
    void aYamlBombKeepsTheAssetRecordsTheErrorAndIsCounted() {
        seeGeordi(T0);
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                resource("catalog/billion-laughs.yaml"), Map.of()));

        List<RepositoryAsset> out = harness.repositoryAssets.readValuesToList();
        assertEquals(2, out.size());
        assertEquals("geordi", out.get(1).getName());
        assertTrue(out.get(1).getAppContext().getError().contains("aliases"), out.get(1).getAppContext().getError());
        assertEquals(1.0, harness.metric("catalog-error-total"));
        assertTrue(harness.deadLetters.isEmpty());
    }

    @Test
    void aCatalogFileBeforeItsRepositoryIsAppliedWhenTheRepositoryArrives() {
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                resource("catalog/component.yaml"), Map.of()));
        assertTrue(harness.repositoryAssets.isEmpty());
        seeGeordi(T0);
        assertEquals("invoice-service", harness.repositoryAssets.readValue().getAppContext().getCatalogName());
    }

    @Test
    void aRemovalMarksTheAssetRemovedAndASightingRestoresIt() {
        seeGeordi(T0);
        harness.repositories.pipeInput(GEORDI_ID,
                removed(cloud("cloud-acme", "bitbucket", T0.plusSeconds(10)), GEORDI_UUID, "repo-deleted"));
        seeGeordi(T0.plusSeconds(20));

        List<RepositoryAsset> out = harness.repositoryAssets.readValuesToList();
        assertEquals(3, out.size());
        assertTrue(out.get(1).getRemoved());
        assertEquals(List.of("repo-deleted"), out.get(1).getRemovedReasons());
        assertEquals(T0.plusSeconds(10), out.get(1).getRemovedAt());
        assertEquals(List.of(false, true, false), out.stream().map(RepositoryAsset::getRemoved).toList());
        assertEquals(List.of(1L, 2L, 3L), out.stream().map(RepositoryAsset::getVersion).toList());
    }

    @Test
    void anArchivedDataCenterRepositorySeenFirstAsRemovedIsKeptArchivedAndRemoved() {
        String json = resource("server/repository-my-repo.json").replace("\"archived\": false", "\"archived\": true");
        RawRepositoryEvent archived = seen(server("dc-acme", "PRJ", T0), "42", json);
        archived.setKind(RawEventKind.REMOVED);
        archived.setRemovalReason("repo-archived");

        harness.repositories.pipeInput(MY_REPO_ID, archived);

        RepositoryAsset asset = harness.repositoryAssets.readValue();
        assertEquals("My repo", asset.getName());
        assertTrue(asset.getArchived());
        assertTrue(asset.getRemoved());
        assertEquals(List.of("repo-archived"), asset.getRemovedReasons());
        assertTrue(harness.repositoryAssets.isEmpty(), "one asset, not one per step");
    }

    @Test
    void aTagTombstoneClearsTheManualTags() {
        seeGeordi(T0);
        harness.tags.pipeInput(GEORDI_ID, tags(GEORDI_ID, List.of("rust"), T0.plusSeconds(1)));
        harness.tags.pipeInput(GEORDI_ID, (LanguageTagEvent) null);
        List<RepositoryAsset> out = harness.repositoryAssets.readValuesToList();
        assertEquals(LanguageSource.BITBUCKET, out.get(2).getLanguages().get(0).getSource());
    }

    @Test
    void usersAreRemovedAndTheirPoisonRecordsDeadLettered() {
        String jane = "server:https://bitbucket.acme.com:101";
        harness.users.pipeInput(jane, userSeen(server("dc-acme", "*", T0), "101", resource("server/user-jcitizen.json")));
        harness.users.pipeInput(jane, userSeen(server("dc-acme", "*", T0), "101",
                resource("server/repository-my-repo.json")));
        harness.users.pipeInput(jane, userRemoved(server("dc-acme", "*", T0.plusSeconds(5)), "101", "user-removed"));

        List<UserAsset> out = harness.userAssets.readValuesToList();
        assertEquals(2, out.size());
        assertTrue(out.get(1).getRemoved());
        assertEquals(List.of("user-removed"), out.get(1).getRemovedReasons());
        DeadLetter letter = harness.deadLetters.readValue();
        assertEquals(Topics.RAW_USERS, letter.getSourceTopic());
        assertEquals(1, letter.getSourceOffset());
        assertEquals("rejected: JSON is a Data Center repository, not a user", letter.getReason());
    }

    @Test
    void repositoriesAndUsersAreSeparateSubTopologies() {
        // Users need not be partitioned like the three repository inputs, which must be co-partitioned.
        var description = EnricherTopology.build(TopologyHarness.SETTINGS, harness.registry).describe();
        assertEquals(2, description.subtopologies().size());
    }

    @Test
    void versionsAreFlooredByTheWallClockSoAReplayOutranksEarlierOutput() {
        seeGeordi(T0);
        harness.driver.advanceWallClockTime(java.time.Duration.ofMillis(5_000));
        harness.tags.pipeInput(GEORDI_ID, tags(GEORDI_ID, List.of("rust"), T0.plusSeconds(1)));
        harness.tags.pipeInput(GEORDI_ID, tags(GEORDI_ID, List.of("go"), T0.plusSeconds(2)));
        assertEquals(List.of(1L, 5_000L, 5_001L),
                harness.repositoryAssets.readValuesToList().stream().map(RepositoryAsset::getVersion).toList());
    }

    @Test
    void unreadableStoredStateFailsTheTaskInsteadOfDeadLetteringTheRecord() {
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store =
                harness.driver.getKeyValueStore(EnricherTopology.REPOSITORY_STORE);
        store.put(GEORDI_ID, new byte[] {9, 9, 9});
        org.apache.kafka.streams.errors.StreamsException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.streams.errors.StreamsException.class, () -> seeGeordi(T0));
        assertTrue(e.getCause() instanceof dev.bbinv.enricher.state.UnreadableStateException, e.toString());
        assertTrue(harness.deadLetters.isEmpty());
        assertTrue(harness.repositoryAssets.isEmpty());
    }
}
