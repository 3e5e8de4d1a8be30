package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagReaderTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition REPARTITION = new TopicPartition("app-repartition", 0);

    @Test
    void behindCountsAnUncommittedPartitionWholeAndNeverGoesNegative() {
        Map<TopicPartition, Long> ends = Map.of(A0, 10L, A1, 4L);
        assertEquals(4 + 4, ConsumerLagReader.behind(ends, Map.of(A0, new OffsetAndMetadata(6))));
        assertEquals(0, ConsumerLagReader.behind(ends, Map.of(A0, new OffsetAndMetadata(12),
                A1, new OffsetAndMetadata(4))), "a committed offset past the end is no negative lag");
        assertEquals(14, ConsumerLagReader.behind(ends, Map.of()));
    }

    @Test
    void behindCommittedCountsOnlyWhereTheGroupCommittedAndIsNullWhereItNeverDid() {
        Map<TopicPartition, Long> ends = Map.of(A0, 10L, A1, 4L);
        assertEquals(4L, ConsumerLagReader.behindCommitted(ends, Map.of(A0, new OffsetAndMetadata(6),
                REPARTITION, new OffsetAndMetadata(1))), "uncommitted a-1 and an unlisted topic are left out");
        assertEquals(0L, ConsumerLagReader.behindCommitted(ends, Map.of(A1, new OffsetAndMetadata(9))));
        assertNull(ConsumerLagReader.behindCommitted(ends, Map.of()));
        assertNull(ConsumerLagReader.behindCommitted(ends, Map.of(REPARTITION, new OffsetAndMetadata(1))));
    }
}
