package dev.bbinv.enricher.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetTag;

/**
 * Decides class, tags and labels of one repository from what was set by hand, what the policies say and the system
 * labels. Pure.
 *
 * <p>Class precedence, as in Snyk where policies never override a locked value: a locked manual class always stands.
 * An unlocked manual class stands until the policies' decision for the repository changes after it was set (as a
 * Snyk policy that runs again overwrites an unlocked value); then the policy's class applies. Without either, D.
 */
public final class Classification {
    public static final String MANUAL = "manual";

    private Classification() {}

    public record Result(AssetClass assetClass, boolean locked, String classSource, List<AssetTag> tags,
            List<AssetLabel> labels) {}

    public static Result of(ManualClass manual, List<String> manualTags, PolicyEngine.Outcome policy,
            List<String> systemLabels) {
        AssetClass assetClass = AssetClass.D;
        boolean locked = false;
        String source = null;
        PolicyEngine.ClassDecision decision = policy.assetClass();
        if (manual != null && (manual.locked() || decision == null
                || Objects.equals(decisionKey(decision), manual.policyAtSet()))) {
            assetClass = manual.assetClass();
            locked = manual.locked();
            source = MANUAL;
        } else if (decision != null) {
            assetClass = decision.assetClass();
            source = decision.source();
        }
        Map<String, AssetTag> tags = new LinkedHashMap<>();
        for (String text : manualTags) {
            PolicyRule.TagValue t = PolicyRule.TagValue.parse(text);
            if (t != null) {
                tags.putIfAbsent(t.key() + ":" + t.value(), new AssetTag(t.key(), t.value(), MANUAL));
            }
        }
        for (AssetTag t : policy.tags()) {
            tags.putIfAbsent(t.getKey() + ":" + t.getValue(), t);
        }
        Map<String, AssetLabel> labels = new LinkedHashMap<>();
        for (String name : systemLabels) {
            labels.putIfAbsent(name, new AssetLabel(name, dev.bbinv.enricher.activity.SystemLabels.SOURCE));
        }
        for (AssetLabel l : policy.labels()) {
            labels.putIfAbsent(l.getName(), l);
        }
        return new Result(assetClass, locked, source, new ArrayList<>(tags.values()), new ArrayList<>(labels.values()));
    }

    /** What a class decision of the policies is, as remembered by a manual class; null for no decision. */
    public static String decisionKey(PolicyEngine.ClassDecision decision) {
        return decision == null ? null : decision.source() + "=" + decision.assetClass();
    }
}
