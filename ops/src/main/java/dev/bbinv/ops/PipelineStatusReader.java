package dev.bbinv.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import dev.bbinv.schemas.Topics;

/** Reads a {@link PipelineStatus} from a Kafka cluster with the Admin client: topic sizes, group lags, DLQ size. */
public final class PipelineStatusReader {
    private final Admin admin;
    private final ConsumerLagReader lags;
    private final List<String> topics;
    private final Map<String, String> groupsByRole;
    private final String dlqTopic;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param topics       the topics to count, in the order to show them (missing ones are left out)
     * @param groupsByRole role name → consumer group id (for Kafka Streams, the application id)
     * @param dlqTopic     which of the topics is the dead letter queue
     */
    public PipelineStatusReader(Admin admin, List<String> topics, Map<String, String> groupsByRole, String dlqTopic,
                                Duration timeout, Clock clock) {
        this.dlqTopic = dlqTopic;
        this.admin = admin;
        this.lags = new ConsumerLagReader(admin, timeout);
        this.topics = List.copyOf(topics);
        this.groupsByRole = new LinkedHashMap<>(groupsByRole);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The pipeline's topics (without the schema registry's) and its two consuming roles under their default groups. */
    public static PipelineStatusReader forPipeline(Admin admin, String enricherApplicationId, String sinkGroupId) {
        List<String> names = Topics.names(Topics.DESCRIPTORS.stream().filter(t -> t != Topics.SCHEMAS_TOPIC).toList());
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("enricher", enricherApplicationId);
        groups.put("sink", sinkGroupId);
        return new PipelineStatusReader(admin, names, groups, Topics.DLQ_TOPIC.name(), Duration.ofSeconds(15), Clock.systemUTC());
    }

    /** The roles whose lag is read, in order. */
    public List<String> roles() {
        return List.copyOf(groupsByRole.keySet());
    }

    /** The topics counted, in order. */
    public List<String> topics() {
        return topics;
    }

    /** @throws PipelineStatusException when the cluster does not answer within the timeout */
    public PipelineStatus read() {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                    : admin.describeTopics(present).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            descriptions.values().forEach(d -> d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            Map<TopicPartition, Long> starts = lags.offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = lags.offsets(partitions, OffsetSpec.latest());

            List<PipelineStatus.TopicCount> counts = new ArrayList<>();
            long dlq = 0;
            for (String topic : present) {
                long records = 0;
                int n = descriptions.get(topic).partitions().size();
                for (int p = 0; p < n; p++) {
                    TopicPartition tp = new TopicPartition(topic, p);
                    records += Math.max(0, ends.getOrDefault(tp, 0L) - starts.getOrDefault(tp, 0L));
                }
                counts.add(new PipelineStatus.TopicCount(topic, n, records));
                if (topic.equals(dlqTopic)) {
                    dlq = records;
                }
            }
            List<PipelineStatus.RoleLag> roles = new ArrayList<>();
            for (Map.Entry<String, String> role : groupsByRole.entrySet()) {
                // Only the partitions the group committed on: a role that never started shows no lag (null).
                roles.add(new PipelineStatus.RoleLag(role.getKey(), role.getValue(),
                        ConsumerLagReader.behindCommitted(ends, lags.committed(role.getValue()))));
            }
            return new PipelineStatus(clock.instant(), counts, roles, dlq);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineStatusException("interrupted while reading the pipeline status", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new PipelineStatusException("cannot read the pipeline status from Kafka within " + timeout + ": "
                    + cause, cause);
        }
    }
}
