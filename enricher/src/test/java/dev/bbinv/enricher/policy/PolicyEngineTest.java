package dev.bbinv.enricher.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.AssetTag;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.Visibility;

class PolicyEngineTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    static RepositoryAsset.Builder asset(String name) {
        return RepositoryAsset.newBuilder().setId("cloud:1").setName(name)
                .setSource(new AssetSource(ServiceType.CLOUD, "https://api.bitbucket.org/2.0", "acme", null, "PAY", null))
                .setVisibility(Visibility.PRIVATE).setArchived(false)
                .setLanguages(List.of(new AssetLanguage("Go", "go", LanguageSource.BITBUCKET, true)))
                .setProfiles(List.of("cloud-acme")).setFirstSeen(T).setLastSeen(T).setFreshness(Freshness.ACTIVE);
    }

    private static PolicyEngine engine(String yaml) {
        return new PolicyEngine(PolicyFile.parse(yaml, "t.yaml"));
    }

    @Test
    void theFirstMatchingClassRuleWinsAndEveryMatchingRuleAddsLabelsAndTags() {
        PolicyEngine engine = engine("""
                rules:
                  - name: payments
                    when: {name: "pay*"}
                    then: {class: B, labels: [payments], tags: ["team:pay"]}
                  - name: go
                    when: {languages: [Rust, go]}
                    then: {class: C, labels: [payments, golang], tags: ["team:pay", "lang:go"]}
                  - name: never
                    when: {name: other}
                    then: {class: A, labels: [never]}
                """);

        PolicyEngine.Outcome out = engine.evaluate(asset("Pay-Gateway").build());

        assertEquals(new PolicyEngine.ClassDecision(AssetClass.B, "policy:payments"), out.assetClass());
        assertEquals(List.of(new AssetLabel("payments", "policy:payments"), new AssetLabel("golang", "policy:go")),
                out.labels());
        assertEquals(List.of(new AssetTag("team", "pay", "policy:payments"), new AssetTag("lang", "go", "policy:go")),
                out.tags());
        assertEquals(new PolicyEngine.ClassDecision(AssetClass.C, "policy:go"),
                engine.evaluate(asset("ledger").build()).assetClass());
    }

    @Test
    void everyConditionOfARuleMustHold() {
        PolicyEngine engine = engine("""
                rules:
                  - name: prod
                    when:
                      lifecycle: production
                      owner: [team-a, team-b]
                      application: "shop*"
                      category: service
                      visibility: private
                      archived: false
                      freshness: [Active, Inactive]
                      profile: cloud-acme
                      workspace: ACME
                      project: pay
                    then: {class: A}
                """);
        AppContext prod = AppContext.newBuilder().setFilePath("catalog-info.yaml").setLifecycle("Production")
                .setOwner("team-b").setApplication("shop-front").setCategory("service").build();

        assertEquals(AssetClass.A, engine.evaluate(asset("x").setAppContext(prod).build()).assetClass().assetClass());
        assertNull(engine.evaluate(asset("x").build()).assetClass()); // no catalog: no lifecycle
        assertNull(engine.evaluate(asset("x").setAppContext(prod).setFreshness(Freshness.DORMANT).build()).assetClass());
        assertNull(engine.evaluate(asset("x").setAppContext(prod).setArchived(true).build()).assetClass());
        assertNull(engine.evaluate(asset("x").setAppContext(prod).setVisibility(Visibility.PUBLIC).build()).assetClass());
        assertNull(engine.evaluate(asset("x").setAppContext(prod).setProfiles(List.of("dc")).build()).assetClass());
    }

    @Test
    void freshnessConditionsUseTheWordsOfTheApi() {
        PolicyEngine engine = engine("rules:\n  - name: na\n    when: {freshness: NA}\n    then: {labels: [no-commits]}\n");
        assertEquals(List.of(new AssetLabel("no-commits", "policy:na")),
                engine.evaluate(asset("x").setFreshness(Freshness.NA).build()).labels());
        assertEquals(List.of(), engine.evaluate(asset("x").build()).labels());
    }
}
