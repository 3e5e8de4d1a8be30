package dev.bbinv.sink.consume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import dev.bbinv.sink.db.PartitionOffset;

/**
 * Tells a recreated topic from the offsets alone: a partition whose log ends before the offset the database holds
 * cannot be the log those offsets were taken from (Kafka never lowers an end offset), so it was deleted and created
 * again, or truncated. Resuming from the stored offset would skip what the new log holds up to there. Pure.
 */
final class RecreatedTopics {
    private RecreatedTopics() {}

    /** The partitions whose end offset (in {@code ends}) is below their stored offset, each with its end offset. */
    static List<PartitionOffset> find(Map<TopicPartition, Long> stored, Map<TopicPartition, Long> ends) {
        List<PartitionOffset> out = new ArrayList<>();
        stored.forEach((tp, next) -> {
            Long end = ends.get(tp);
            if (end != null && end < next) {
                out.add(new PartitionOffset(tp.topic(), tp.partition(), end));
            }
        });
        out.sort(Comparator.comparing(PartitionOffset::topic).thenComparingInt(PartitionOffset::partition));
        return out;
    }
}
