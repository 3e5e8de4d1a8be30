package dev.bbinv.enricher.topology;

import static dev.bbinv.enricher.Fixtures.GEORDI_ID;
import static dev.bbinv.enricher.Fixtures.GEORDI_UUID;
import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.catalog;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.resource;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.policy.PolicyEngine;
import dev.bbinv.enricher.policy.PolicyFile;
import dev.bbinv.enricher.state.EmitPolicy;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetTag;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;

/** The manual class and tags topics and the policy rules, through the production topology. */
class ClassAndTagsTest {
    private static final String POLICIES = """
            rules:
              - name: production
                when: {lifecycle: production}
                then: {class: A, tags: ["tier:1"]}
              - name: staging
                when: {lifecycle: staging}
                then: {class: B}
            """;
    private static final String PRODUCTION = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: geordi}
            spec: {type: service, lifecycle: production, owner: team-a}
            """;

    private final TopologyHarness harness = new TopologyHarness(new TopologySettings(CatalogLimits.DEFAULTS,
            new EmitPolicy(Duration.ofHours(24)), LanguageTable.linguist(),
            new PolicyEngine(PolicyFile.parse(POLICIES, "test")), Duration.ofMinutes(1)));

    @AfterEach
    void close() {
        harness.close();
    }

    private RepositoryAsset seeGeordi() {
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
        return harness.repositoryAssets.readValue();
    }

    private RepositoryAsset setClass(String assetClass, boolean locked) {
        harness.classes.pipeInput(GEORDI_ID, new RepositoryClassEvent(GEORDI_ID, assetClass, locked, T0, "test"));
        return harness.repositoryAssets.readValue();
    }

    @Test
    void aManualClassIsSetLockedAndClearedAndBadOnesAreDeadLettered() {
        assertEquals(AssetClass.D, seeGeordi().getAssetClass());

        RepositoryAsset b = setClass("b", true);
        assertEquals(AssetClass.B, b.getAssetClass());
        assertTrue(b.getClassLocked());
        assertEquals("manual", b.getClassSource());

        harness.classes.pipeInput(GEORDI_ID, (RepositoryClassEvent) null); // a tombstone clears it
        RepositoryAsset cleared = harness.repositoryAssets.readValue();
        assertEquals(AssetClass.D, cleared.getAssetClass());
        assertEquals(null, cleared.getClassSource());

        harness.classes.pipeInput(GEORDI_ID, new RepositoryClassEvent(GEORDI_ID, "E", false, T0, "test"));
        harness.classes.pipeInput(GEORDI_ID, new RepositoryClassEvent("cloud:other", "A", false, T0, "test"));
        List<DeadLetter> letters = harness.deadLetters.readValuesToList();
        assertEquals(2, letters.size());
        assertEquals(Topics.REPOSITORY_CLASSES, letters.get(0).getSourceTopic());
        assertTrue(letters.get(0).getReason().contains("class 'E' is not one of A, B, C, D"), letters.get(0).getReason());
        assertTrue(letters.get(1).getReason().contains("is not the identity"), letters.get(1).getReason());
        assertTrue(harness.repositoryAssets.isEmpty());
    }

    @Test
    void aPolicyClassYieldsToALockedOrLaterManualClassButAChangedDecisionOverridesAnUnlockedOne() {
        seeGeordi();
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                PRODUCTION, Map.of()));
        RepositoryAsset production = harness.repositoryAssets.readValue();
        assertEquals(AssetClass.A, production.getAssetClass());
        assertEquals("policy:production", production.getClassSource());
        assertEquals(List.of(new AssetTag("tier", "1", "policy:production")), production.getTags());

        // Set by hand after the policy decided: the hand-set class stands, unlocked.
        assertEquals(AssetClass.C, setClass("C", false).getAssetClass());

        // The catalog no longer says production, then says it again: the policy's decision changed, so it applies.
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                PRODUCTION.replace("production", "experimental"), Map.of()));
        assertEquals(AssetClass.C, harness.repositoryAssets.readValue().getAssetClass());
        // Set again while no policy decides (the asset does not change, nothing is written).
        harness.classes.pipeInput(GEORDI_ID, new RepositoryClassEvent(GEORDI_ID, "C", false, T0, "test"));
        assertTrue(harness.repositoryAssets.isEmpty());
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                PRODUCTION, Map.of()));
        RepositoryAsset overridden = harness.repositoryAssets.readValue();
        assertEquals(AssetClass.A, overridden.getAssetClass());
        assertEquals("policy:production", overridden.getClassSource());

        // Locked: not even a changed policy decision (A, now B) changes it.
        assertEquals(AssetClass.D, setClass("D", true).getAssetClass());
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                PRODUCTION.replace("production", "staging"), Map.of()));
        RepositoryAsset locked = harness.repositoryAssets.readValue();
        assertEquals(AssetClass.D, locked.getAssetClass());
        assertEquals("manual", locked.getClassSource());
    }

    @Test
    void manualTagsReplaceTheWholeSetAndAMalformedTagIsDeadLettered() {
        seeGeordi();
        harness.repositoryTags.pipeInput(GEORDI_ID,
                new RepositoryTagsEvent(GEORDI_ID, List.of("platform:aws", "team:geo"), T0, "test"));
        assertEquals(List.of(new AssetTag("platform", "aws", "manual"), new AssetTag("team", "geo", "manual")),
                harness.repositoryAssets.readValue().getTags());

        harness.repositoryTags.pipeInput(GEORDI_ID, new RepositoryTagsEvent(GEORDI_ID, List.of("platform:gcp"), T0, "t"));
        assertEquals(List.of(new AssetTag("platform", "gcp", "manual")), harness.repositoryAssets.readValue().getTags());

        harness.repositoryTags.pipeInput(GEORDI_ID, new RepositoryTagsEvent(GEORDI_ID, List.of("oops"), T0, "t"));
        DeadLetter letter = harness.deadLetters.readValue();
        assertTrue(letter.getReason().contains("tag 'oops' is not key:value"), letter.getReason());
        assertTrue(harness.repositoryAssets.isEmpty(), "the tags in force stay");

        harness.repositoryTags.pipeInput(GEORDI_ID, new RepositoryTagsEvent(GEORDI_ID, List.of(), T0, "t"));
        assertEquals(List.of(), harness.repositoryAssets.readValue().getTags());
    }
}
