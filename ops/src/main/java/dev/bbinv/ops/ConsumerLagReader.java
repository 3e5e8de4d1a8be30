package dev.bbinv.ops;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a consumer group is behind the committed end of some topics, read with the Admin client as
 * {@code kafka-consumer-groups} would show it: end offsets at {@code read_committed}, minus the group's committed
 * offsets. The one lag reader of the status page, {@code bbinv run --once} and the benchmarks.
 */
public final class ConsumerLagReader {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagReader.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final Admin admin;
    private final Duration timeout;

    /** @param timeout how long each Admin call may take */
    public ConsumerLagReader(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The partitions' offsets at {@code spec} (earliest or latest), as a {@code read_committed} consumer sees them. */
    public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> spec, (a, b) -> a));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The group's committed offsets (empty for a group that never committed). */
    public Map<TopicPartition, OffsetAndMetadata> committed(String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Records the group has not consumed yet across {@code topics}; a partition without a committed offset counts
     * whole.
     *
     * @throws IllegalStateException when Kafka does not answer within the timeout
     */
    public long lag(String group, List<String> topics) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            return behind(offsets(partitions, OffsetSpec.latest()), committed(group));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of consumer group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        }
    }

    /**
     * Waits until the group has no lag on the topics, asking every {@code poll} and logging every 5 s; false when
     * {@code timeout} passes first.
     */
    public boolean awaitCaughtUp(String group, List<String> topics, Duration timeout, Duration poll)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
        while (System.nanoTime() < deadline) {
            long lag = lag(group, topics);
            if (lag == 0) {
                return true;
            }
            if (System.nanoTime() > nextReport) {
                LOG.info("Waiting for consumer group {} to catch up: {} record(s) behind on {}", group, lag, topics);
                nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            }
            Thread.sleep(poll.toMillis());
        }
        return false;
    }

    /** Pure: the sum over {@code ends}' partitions of end minus committed, never negative; uncommitted counts whole. */
    public static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            total += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
        }
        return total;
    }

    /**
     * Pure: the sum over the group's committed partitions that have an end in {@code ends} of end minus committed,
     * never negative; null when the group committed on none of them (it has not started there).
     */
    public static Long behindCommitted(Map<TopicPartition, Long> ends,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Long lag = null;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            Long end = ends.get(e.getKey());
            if (end == null || e.getValue() == null) {
                continue; // a topic outside the list, e.g. a Streams repartition topic
            }
            lag = (lag == null ? 0 : lag) + Math.max(0, end - e.getValue().offset());
        }
        return lag;
    }
}
