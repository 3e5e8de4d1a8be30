package dev.bbinv.ops;

import java.time.Instant;
import java.util.List;

/**
 * What the pipeline holds at one moment: each topic's record count, each role's consumer lag and the dead letter
 * queue's size. Pure data; {@link PipelineStatusReader} fills it from Kafka.
 *
 * @param readAt       when the offsets were read
 * @param topics       every pipeline topic that exists, in pipeline order
 * @param roles        each consuming role's group and lag
 * @param dlqRecords   records in the dead letter queue topic (0 when it does not exist yet)
 */
public record PipelineStatus(Instant readAt, List<TopicCount> topics, List<RoleLag> roles, long dlqRecords) {

    public PipelineStatus {
        topics = List.copyOf(topics);
        roles = List.copyOf(roles);
    }

    /**
     * Records a topic holds: the sum over partitions of end offset minus start offset (read_committed). Transaction
     * markers take offsets too, so on transactional topics this is an upper bound.
     */
    public record TopicCount(String topic, int partitions, long records) {}

    /**
     * A role's consumer group and how far it is behind.
     *
     * @param lag records between the group's committed offsets and the ends of its topics; {@code null} when the
     *            group has committed nothing yet (not started, or nothing consumed)
     */
    public record RoleLag(String role, String groupId, Long lag) {
        public boolean known() {
            return lag != null;
        }
    }
}
