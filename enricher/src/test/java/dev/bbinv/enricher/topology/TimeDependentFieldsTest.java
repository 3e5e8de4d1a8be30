package dev.bbinv.enricher.topology;

import static dev.bbinv.enricher.Fixtures.GEORDI_ID;
import static dev.bbinv.enricher.Fixtures.GEORDI_UUID;
import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.catalog;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.cloudRepository;
import static dev.bbinv.enricher.Fixtures.commit;
import static dev.bbinv.enricher.Fixtures.commits;
import static dev.bbinv.enricher.Fixtures.resource;
import static dev.bbinv.enricher.Fixtures.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.languages.LanguageTable;
import dev.bbinv.enricher.policy.PolicyEngine;
import dev.bbinv.enricher.policy.PolicyFile;
import dev.bbinv.enricher.state.EmitPolicy;
import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.RepositoryAsset;

/** Freshness, the New repository label and policies over freshness stay true as the wall clock moves on. */
class TimeDependentFieldsTest {
    private static final String POLICIES = """
            rules:
              - name: dormant
                when: {freshness: Dormant}
                then: {class: C, labels: [cleanup candidate]}
            """;
    private static final String ANN = "{aaaaaaaa-1111-2222-3333-444444444444}";
    private static final String FRESH_UUID = "{22222222-3333-4444-5555-666666666666}";
    private static final String FRESH_ID = "cloud:22222222-3333-4444-5555-666666666666";

    private final TopologyHarness harness = new TopologyHarness(new TopologySettings(CatalogLimits.DEFAULTS,
            new EmitPolicy(Duration.ofHours(24)), LanguageTable.linguist(),
            new PolicyEngine(PolicyFile.parse(POLICIES, "test")), Duration.ofMinutes(1)));

    @AfterEach
    void close() {
        harness.close();
    }

    /** Moves the driver's wall clock (it starts at 0) to {@code at}, firing the check once. */
    private void clockTo(Instant at) {
        Instant now = Instant.ofEpochMilli(0).plusMillis(elapsed);
        harness.driver.advanceWallClockTime(Duration.between(now, at));
        elapsed = at.toEpochMilli();
    }

    private long elapsed;

    @Test
    void freshnessFollowsTheClockWithoutAnyNewEventAndOnlyChangedAssetsAreWrittenAgain() {
        clockTo(T0);
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
        harness.repositories.pipeInput(FRESH_ID, seen(cloud("cloud-acme", "acme", T0), FRESH_UUID,
                cloudRepository(FRESH_UUID, "acme", "no-commits", "no-commits", "go")));
        Instant lastCommit = T0.minus(Duration.ofDays(10));
        harness.commits.pipeInput(SightingKeys.seen("cloud-acme", "bitbucket", GEORDI_ID),
                commits(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, lastCommit,
                        commit("c2", lastCommit, "Ann", "ann@acme.com", ANN),
                        commit("c1", lastCommit.minusSeconds(3600), "Ann", "ann@acme.com", ANN)));
        List<RepositoryAsset> first = harness.repositoryAssets.readValuesToList();
        assertEquals(3, first.size()); // two repositories, then geordi with its commits
        RepositoryAsset active = first.get(2);
        assertEquals(Freshness.ACTIVE, active.getFreshness());
        assertEquals(lastCommit, active.getLastCommitAt());
        Developer ann = active.getDevelopers().get(0);
        assertEquals("cloud:aaaaaaaa-1111-2222-3333-444444444444", ann.getUserAssetId());
        assertEquals(2, ann.getCommitCount());
        assertEquals(List.of("Python", "Active"), active.getLabels().stream().map(AssetLabel::getName).toList());

        // Nothing happens on the topics; the clock passes three calendar months after the last commit.
        Instant inactiveAt = lastCommit.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
        clockTo(inactiveAt.minusSeconds(120));
        assertTrue(harness.repositoryAssets.isEmpty(), "not due yet");
        clockTo(inactiveAt.plusSeconds(30));
        RepositoryAsset inactive = harness.repositoryAssets.readValue();
        assertTrue(harness.repositoryAssets.isEmpty(), "only the asset whose freshness changed is written");
        assertEquals(GEORDI_ID, inactive.getId());
        assertEquals(Freshness.INACTIVE, inactive.getFreshness());
        assertTrue(inactive.getVersion() > active.getVersion());
        assertEquals(List.of("Python", "Inactive"), inactive.getLabels().stream().map(AssetLabel::getName).toList());
        assertEquals(AssetClass.D, inactive.getAssetClass());

        clockTo(inactiveAt.plus(Duration.ofDays(30)));
        assertTrue(harness.repositoryAssets.isEmpty(), "nothing changed in between");

        // Past six months: Dormant, and the policy over freshness follows.
        clockTo(lastCommit.atZone(ZoneOffset.UTC).plusMonths(6).toInstant().plusSeconds(60));
        RepositoryAsset dormant = harness.repositoryAssets.readValue();
        assertEquals(Freshness.DORMANT, dormant.getFreshness());
        assertEquals(AssetClass.C, dormant.getAssetClass());
        assertEquals("policy:dormant", dormant.getClassSource());
        assertEquals(List.of(new AssetLabel("Python", "system"), new AssetLabel("Dormant", "system"),
                new AssetLabel("cleanup candidate", "policy:dormant")), dormant.getLabels());
        assertTrue(dormant.getVersion() > inactive.getVersion());

        clockTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertTrue(harness.repositoryAssets.isEmpty(), "Dormant is final");
    }

    @Test
    void theNewRepositoryLabelGoesSevenDaysAfterCreation() {
        clockTo(T0);
        Instant created = T0.minus(Duration.ofDays(2));
        String json = cloudRepository(FRESH_UUID, "acme", "fresh", "fresh", "go")
                .replace("2026-01-02T03:04:05.000000+00:00", created.toString());
        harness.repositories.pipeInput(FRESH_ID, seen(cloud("cloud-acme", "acme", T0), FRESH_UUID, json));
        RepositoryAsset brandNew = harness.repositoryAssets.readValue();
        assertEquals(List.of("Go", "N/A", "New repository"),
                brandNew.getLabels().stream().map(AssetLabel::getName).toList());

        clockTo(created.plus(Duration.ofDays(7)).plusSeconds(61));
        RepositoryAsset week = harness.repositoryAssets.readValue();
        assertEquals(List.of("Go", "N/A"), week.getLabels().stream().map(AssetLabel::getName).toList());
        assertTrue(week.getVersion() > brandNew.getVersion());
    }

    @Test
    void aStoreThatStartedEmptyIsNotRebuiltForRulesItWasBuiltWith() {
        // The first wall-clock check comes after assets were built: a fresh enricher replaying its inputs.
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
        harness.repositories.pipeInput(FRESH_ID, seen(cloud("cloud-acme", "acme", T0), FRESH_UUID,
                cloudRepository(FRESH_UUID, "acme", "no-commits", "no-commits", "go")));
        assertEquals(2, harness.repositoryAssets.readValuesToList().size());

        harness.driver.advanceWallClockTime(Duration.ofSeconds(61));
        harness.driver.advanceWallClockTime(Duration.ofSeconds(61));

        assertEquals(0.0, harness.metric("policy-rebuild-total"), "every asset was built with today's rules");
        assertTrue(harness.repositoryAssets.isEmpty());
    }

    @Test
    void theNextRecordAfterAWallClockRebuildStartsFromTheRebuiltState() {
        clockTo(T0);
        harness.repositories.pipeInput(GEORDI_ID,
                seen(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, resource("cloud/repository-geordi.json")));
        Instant lastCommit = T0.minus(Duration.ofDays(10));
        harness.commits.pipeInput(SightingKeys.seen("cloud-acme", "bitbucket", GEORDI_ID),
                commits(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID, lastCommit,
                        commit("c1", lastCommit, "Ann", "ann@acme.com", ANN)));
        harness.repositoryAssets.readValuesToList();
        Instant inactiveAt = lastCommit.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
        clockTo(inactiveAt.plusSeconds(30));
        RepositoryAsset rebuilt = harness.repositoryAssets.readValue();
        assertEquals(Freshness.INACTIVE, rebuilt.getFreshness());

        // Same wall-clock millisecond: only the rebuilt state's version makes the next one higher.
        harness.catalogFiles.pipeInput(GEORDI_ID, catalog(cloud("cloud-acme", "bitbucket", T0), GEORDI_UUID,
                "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: geordi}\nspec: {owner: team-a}\n",
                java.util.Map.of()));

        RepositoryAsset withCatalog = harness.repositoryAssets.readValue();
        assertEquals("team-a", withCatalog.getAppContext().getOwner());
        assertTrue(withCatalog.getVersion() > rebuilt.getVersion(),
                withCatalog.getVersion() + " must outrank the rebuilt " + rebuilt.getVersion());
    }
}
