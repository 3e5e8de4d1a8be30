package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.PartitionOffset;

class PartitionPositionsTest {
    private static final TopicPartition REPOS_0 = new TopicPartition("inventory.repositories", 0);
    private static final TopicPartition REPOS_1 = new TopicPartition("inventory.repositories", 1);
    private static final TopicPartition USERS_0 = new TopicPartition("inventory.users", 0);

    @Test
    void onlyThePartitionsAskedForThatTheDatabaseHoldsAnOffsetForAreStored() {
        // Given the database's offsets, by topic then partition
        Map<String, Map<Integer, Long>> stored = Map.of("inventory.repositories", Map.of(0, 7L, 2, 9L));

        // When the offsets of three assigned partitions are looked up
        Map<TopicPartition, Long> found = PartitionPositions.storedFor(List.of(REPOS_0, REPOS_1, USERS_0), stored);

        // Then only the one it holds is there: the others read from their beginning
        assertEquals(Map.of(REPOS_0, 7L), found);
    }

    @Test
    void aPositionIsStoredWhenItIsPastTheDatabasesOffsetOrTheDatabaseHoldsNone() {
        // Given positions that stepped over a transaction marker (repos-0), stayed (repos-1), or are new (users-0)
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        positions.put(REPOS_0, 11L);
        positions.put(REPOS_1, 4L);
        positions.put(USERS_0, 3L);
        Map<TopicPartition, Long> done = Map.of(REPOS_0, 10L, REPOS_1, 4L);

        // When / Then
        assertEquals(List.of(new PartitionOffset("inventory.repositories", 0, 11),
                        new PartitionOffset("inventory.users", 0, 3)),
                PartitionPositions.pastDone(positions, done));
    }
}
