package dev.bbinv.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Waits for a consumer group to reach the committed end of some topics, read through Kafka's Admin API. */
final class GroupLag {
    private GroupLag() {}

    /** Records not yet consumed by the group; a partition without a committed offset counts whole. */
    static long of(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values().forEach(d ->
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(20, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    /** Polls until the lag is zero; throws when the deadline passes first. */
    static void awaitZero(Admin admin, String group, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (of(admin, group, topics) != 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("group " + group + " did not catch up with " + topics + " within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
