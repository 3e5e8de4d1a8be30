package dev.bbinv.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.bbinv.schemas.Topics;

/**
 * What {@code bbinv topics create} does to each pipeline topic, decided from what the cluster holds. Pure: a missing
 * topic is created; an existing one keeps its partitions (adding partitions would move keys, and the compacted
 * inventory relies on one partition per key) but gets the cleanup policy it needs, since a topic auto-created with
 * {@code delete} would silently expire the compacted inventory.
 */
record TopicPlan(List<Step> steps) {

    /** What the cluster holds for one topic. */
    record Existing(int partitions, String cleanupPolicy) {}

    /** One topic's step. */
    record Step(Topics.Spec spec, Action action, Existing existing) {
        String describe() {
            return switch (action) {
                case CREATE -> spec.name() + ": created with " + spec.partitions() + " partition(s), cleanup.policy="
                        + policy(spec);
                case SET_CLEANUP_POLICY -> spec.name() + ": cleanup.policy changed from " + existing.cleanupPolicy()
                        + " to " + policy(spec) + partitionsNote();
                case KEEP -> spec.name() + ": exists (" + existing.partitions() + " partition(s), cleanup.policy="
                        + existing.cleanupPolicy() + ")" + partitionsNote();
            };
        }

        private String partitionsNote() {
            return existing.partitions() < spec.partitions() ? "; has fewer partitions than the " + spec.partitions()
                    + " asked for, left as is (adding partitions moves keys to other partitions)" : "";
        }
    }

    enum Action { CREATE, SET_CLEANUP_POLICY, KEEP }

    static TopicPlan of(List<Topics.Spec> wanted, Map<String, Existing> cluster) {
        List<Step> steps = new ArrayList<>();
        for (Topics.Spec spec : wanted) {
            Existing existing = cluster.get(spec.name());
            Action action = existing == null ? Action.CREATE
                    : policy(spec).equals(existing.cleanupPolicy()) ? Action.KEEP : Action.SET_CLEANUP_POLICY;
            steps.add(new Step(spec, action, existing));
        }
        return new TopicPlan(steps);
    }

    static String policy(Topics.Spec spec) {
        return spec.configs().get("cleanup.policy");
    }

    boolean changesNothing() {
        return steps.stream().allMatch(s -> s.action() == Action.KEEP);
    }
}
