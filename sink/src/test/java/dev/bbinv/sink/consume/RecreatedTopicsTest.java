package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.PartitionOffset;

class RecreatedTopicsTest {
    private static final TopicPartition P0 = new TopicPartition("inventory.repositories", 0);
    private static final TopicPartition P1 = new TopicPartition("inventory.repositories", 1);

    @Test
    void aPartitionEndingBeforeTheStoredOffsetWasRecreatedOneAtOrPastItWasNot() {
        assertEquals(List.of(new PartitionOffset("inventory.repositories", 1, 2)),
                RecreatedTopics.find(Map.of(P0, 5L, P1, 5L), Map.of(P0, 5L, P1, 2L)));
        assertEquals(List.of(), RecreatedTopics.find(Map.of(P0, 5L), Map.of(P0, 9L)));
        assertEquals(List.of(), RecreatedTopics.find(Map.of(P0, 5L), Map.of()), "no end offset known: no verdict");
    }
}
