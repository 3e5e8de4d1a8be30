package dev.bbinv.enricher.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetTag;

class ClassificationTest {
    private static final PolicyEngine.ClassDecision PROD_A = new PolicyEngine.ClassDecision(AssetClass.A, "policy:prod");
    private static final PolicyEngine.Outcome NOTHING = new PolicyEngine.Outcome(null, List.of(), List.of());
    private static final PolicyEngine.Outcome SAYS_A = new PolicyEngine.Outcome(PROD_A,
            List.of(new AssetLabel("Java", "policy:prod"), new AssetLabel("critical", "policy:prod")),
            List.of(new AssetTag("team", "pay", "policy:prod"), new AssetTag("tier", "1", "policy:prod")));

    @Test
    void withoutManualClassOrPolicyTheClassIsDWithoutSource() {
        Classification.Result r = Classification.of(null, List.of(), NOTHING, List.of("N/A"));
        assertEquals(AssetClass.D, r.assetClass());
        assertEquals(null, r.classSource());
        assertEquals(List.of(new AssetLabel("N/A", "system")), r.labels());
    }

    @Test
    void aLockedManualClassAlwaysStands() {
        Classification.Result r = Classification.of(new ManualClass(AssetClass.C, true, null), List.of(), SAYS_A,
                List.of());
        assertEquals(AssetClass.C, r.assetClass());
        assertEquals(true, r.locked());
        assertEquals("manual", r.classSource());
    }

    @Test
    void anUnlockedManualClassStandsUntilThePoliciesDecideSomethingElse() {
        // Set while the policies already said A: the hand-set C stands.
        ManualClass setOverA = new ManualClass(AssetClass.C, false, Classification.decisionKey(PROD_A));
        assertEquals("manual", Classification.of(setOverA, List.of(), SAYS_A, List.of()).classSource());
        assertEquals(AssetClass.C, Classification.of(setOverA, List.of(), NOTHING, List.of()).assetClass());
        // Set while no policy matched; a policy now says A: the policy's decision is new, so it applies.
        ManualClass setOverNothing = new ManualClass(AssetClass.C, false, null);
        Classification.Result r = Classification.of(setOverNothing, List.of(), SAYS_A, List.of());
        assertEquals(AssetClass.A, r.assetClass());
        assertEquals("policy:prod", r.classSource());
        assertEquals(false, r.locked());
    }

    @Test
    void manualTagsComeFirstAndSystemLabelsWinOverAPolicyLabelOfTheSameName() {
        Classification.Result r = Classification.of(null, List.of("team:pay", "env:prod"), SAYS_A,
                List.of("Java", "Active"));
        assertEquals(List.of(new AssetTag("team", "pay", "manual"), new AssetTag("env", "prod", "manual"),
                new AssetTag("tier", "1", "policy:prod")), r.tags());
        assertEquals(List.of(new AssetLabel("Java", "system"), new AssetLabel("Active", "system"),
                new AssetLabel("critical", "policy:prod")), r.labels());
    }
}
