package dev.bbinv.enricher.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetTag;
import dev.bbinv.schemas.avro.RepositoryAsset;

/**
 * Applies the policy rules to one repository asset: the first matching rule (file order) that sets a class gives the
 * class; every matching rule adds its labels and tags. Pure; the asset must already carry its freshness.
 */
public final class PolicyEngine {
    public static final PolicyEngine NONE = new PolicyEngine(List.of());

    private final List<PolicyRule> rules;

    public PolicyEngine(List<PolicyRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The class a rule gives, with its source {@code policy:{name}}. */
    public record ClassDecision(AssetClass assetClass, String source) {}

    /** What the rules say for one asset; {@code assetClass} is null when no matching rule sets one. */
    public record Outcome(ClassDecision assetClass, List<AssetLabel> labels, List<AssetTag> tags) {}

    public Outcome evaluate(RepositoryAsset asset) {
        ClassDecision decision = null;
        Map<String, AssetLabel> labels = new LinkedHashMap<>();
        Map<String, AssetTag> tags = new LinkedHashMap<>();
        for (PolicyRule rule : rules) {
            if (!matches(rule, asset)) {
                continue;
            }
            if (decision == null && rule.assetClass() != null) {
                decision = new ClassDecision(rule.assetClass(), rule.source());
            }
            for (String label : rule.labels()) {
                labels.putIfAbsent(label, new AssetLabel(label, rule.source()));
            }
            for (PolicyRule.TagValue t : rule.tags()) {
                tags.putIfAbsent(t.key() + ":" + t.value(), new AssetTag(t.key(), t.value(), rule.source()));
            }
        }
        return new Outcome(decision, new ArrayList<>(labels.values()), new ArrayList<>(tags.values()));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Names these rules exactly (SHA-256 of their text), to tell when assets were built with other rules. */
    public byte[] fingerprint() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(rules.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean matches(PolicyRule rule, RepositoryAsset asset) {
        for (Condition c : rule.when()) {
            if (!c.holds(asset)) {
                return false;
            }
        }
        return true;
    }
}
