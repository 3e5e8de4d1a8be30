package dev.bbinv.sink.consume;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryDbException;
import dev.bbinv.sink.db.InventoryWriter;

/**
 * The held records the consume loop skips and dead-letters instead of writing: remembers which ones the database
 * refused for their data and which have already gone to the dead-letter topic, so that a batch retried after an
 * outage skips them again without sending them twice. Records are named {@code topic-partition@offset}.
 */
final class PoisonRecords {
    private final InventoryWriter writer;
    private final Clock clock;
    private final Set<String> deadLettersSent = new HashSet<>();
    /** Held records the database refused on their own (topic-partition@offset → why); they are dead-lettered. */
    private final Map<String, RecordDecoder.PoisonRecordException> refusedByDatabase = new HashMap<>();

    PoisonRecords(InventoryWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    /** Pure: how a record is named in logs and here. */
    static String where(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /**
     * Throws why the database refused this record, if it did; names it only when some record was refused, as the
     * loop asks this of every held record.
     */
    void throwIfRefusedByDatabase(String topic, int partition, long offset) throws RecordDecoder.PoisonRecordException {
        if (refusedByDatabase.isEmpty()) {
            return;
        }
        RecordDecoder.PoisonRecordException refused = refusedByDatabase.get(where(topic, partition, offset));
        if (refused != null) {
            throw refused;
        }
    }

    boolean deadLetterSent(String where) {
        return deadLettersSent.contains(where);
    }

    void deadLettersSent(List<String> wheres) {
        deadLettersSent.addAll(wheres);
    }

    /**
     * The database is up but refused the batch: applies each change alone (idempotent, without offsets) to find
     * the ones it refuses for their data, so that one bad row cannot stop the sink. Returns how many it found.
     */
    int findRefused(List<Change> changes) {
        int found = 0;
        for (Change change : changes) {
            if (change instanceof Change.Skipped) {
                continue;
            }
            InventoryBatch alone = BatchPlanner.plan(List.of(change));
            try {
                writer.apply(new InventoryBatch(alone.deletedRepositoryIds(), alone.repositories(),
                        alone.deletedUserIds(), alone.users(), List.of()), clock.instant());
            } catch (InventoryDbException e) {
                if (e.isDataError()) {
                    refusedByDatabase.put(where(change.topic(), change.partition(), change.offset()),
                            new RecordDecoder.PoisonRecordException("the inventory database refused it: "
                                    + OutageRetry.rootMessage(e), e.getCause()));
                    found++;
                }
            }
        }
        return found;
    }

    /** Forgets every record: the batch that held them is committed. */
    void clear() {
        deadLettersSent.clear();
        refusedByDatabase.clear();
    }

    /** Forgets the records of partitions the group took away; their new owner re-reads and judges them. */
    void forget(Collection<TopicPartition> partitions) {
        deadLettersSent.removeIf(w -> ofAny(w, partitions));
        refusedByDatabase.keySet().removeIf(w -> ofAny(w, partitions));
    }

    /** Pure: whether the record named {@code where} is of one of {@code partitions}. */
    static boolean ofAny(String where, Collection<TopicPartition> partitions) {
        return partitions.stream().anyMatch(tp -> where.startsWith(tp.topic() + "-" + tp.partition() + "@"));
    }
}
