package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;

class TopicPlanTest {
    private static final Topics.Spec REPOSITORIES = new Topics.Spec(Topics.REPOSITORIES, 6, true);
    private static final Topics.Spec DLQ = new Topics.Spec(Topics.DLQ, 1, false);

    @Test
    void createsWhatIsMissingAndGivesAnAutoCreatedTopicItsCleanupPolicyButNotMorePartitions() {
        TopicPlan plan = TopicPlan.of(List.of(REPOSITORIES, DLQ),
                Map.of(Topics.REPOSITORIES, new TopicPlan.Existing(1, "delete")));

        assertEquals(TopicPlan.Action.SET_CLEANUP_POLICY, plan.steps().get(0).action());
        assertEquals("inventory.repositories: cleanup.policy changed from delete to compact; has fewer partitions than"
                + " the 6 asked for, left as is (adding partitions moves keys to other partitions)",
                plan.steps().get(0).describe());
        assertEquals(TopicPlan.Action.CREATE, plan.steps().get(1).action());
        assertEquals("inventory.dlq: created with 1 partition(s), cleanup.policy=delete", plan.steps().get(1).describe());
        assertFalse(plan.changesNothing());
    }

    @Test
    void topicsThatAreRightAreKept() {
        TopicPlan plan = TopicPlan.of(List.of(REPOSITORIES, DLQ), Map.of(Topics.REPOSITORIES,
                new TopicPlan.Existing(6, "compact"), Topics.DLQ, new TopicPlan.Existing(1, "delete")));

        assertTrue(plan.changesNothing());
        assertEquals("inventory.repositories: exists (6 partition(s), cleanup.policy=compact)",
                plan.steps().get(0).describe());
    }

    @Test
    void eachRoleHasItsOwnDefaultMetricsPortApartFromDemoAndRun() {
        var ports = new HashSet<>(RoleCommands.DEFAULT_OPS_PORTS.values());
        ports.add(PipelineRunner.OPS_PORT);
        assertEquals(4, ports.size(), RoleCommands.DEFAULT_OPS_PORTS + " and " + PipelineRunner.OPS_PORT);
        assertEquals(Map.of("connector", 9465, "enricher", 9466, "sink", 9467), RoleCommands.DEFAULT_OPS_PORTS);
    }
}
