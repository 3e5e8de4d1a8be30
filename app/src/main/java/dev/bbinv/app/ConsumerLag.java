package dev.bbinv.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How far a consumer group is behind the committed end of some topics, as ops would see it with kafka-consumer-groups. */
final class ConsumerLag {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private ConsumerLag() {}

    /** Records the group has not consumed yet across the topics; a partition with no committed offset counts whole. */
    static long of(Admin admin, String group, List<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(
                    p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                    .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, Long> endOffsets = ends.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            return lag(endOffsets, committed);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of consumer group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        }
    }

    /** Pure: the sum over partitions of end minus committed, never negative. */
    static long lag(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, OffsetAndMetadata> committed) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long position = c == null ? 0 : c.offset();
            total += Math.max(0, e.getValue() - position);
        }
        return total;
    }

    /** Waits until the group has no lag on the topics; returns false when the timeout passes first. */
    static boolean awaitCaughtUp(Admin admin, String group, List<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
        while (System.nanoTime() < deadline) {
            long lag = of(admin, group, topics);
            if (lag == 0) {
                return true;
            }
            if (System.nanoTime() > nextReport) {
                LOG.info("Waiting for consumer group {} to catch up: {} record(s) behind on {}", group, lag, topics);
                nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            }
            Thread.sleep(200);
        }
        return false;
    }
}
