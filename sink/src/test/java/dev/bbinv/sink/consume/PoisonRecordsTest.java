package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {
    @Test
    void aRecordIsNamedTopicPartitionAtOffset() {
        assertEquals("inventory.repositories-3@42", PoisonRecords.where("inventory.repositories", 3, 42));
    }

    @Test
    void aRecordBelongsToItsOwnPartitionOnlyNotToOneWhoseNumberStartsTheSame() {
        String where = PoisonRecords.where("inventory.repositories", 1, 5);

        assertTrue(PoisonRecords.ofAny(where, List.of(new TopicPartition("inventory.repositories", 1))));
        assertFalse(PoisonRecords.ofAny(where, List.of(new TopicPartition("inventory.repositories", 10),
                new TopicPartition("inventory.users", 1))));
    }
}
