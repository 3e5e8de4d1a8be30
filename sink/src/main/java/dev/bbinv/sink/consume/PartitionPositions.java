package dev.bbinv.sink.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryDbException;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.PartitionOffset;

/**
 * Where the consume loop reads each assigned partition from: the offset the database holds for it (the beginning
 * when it holds none, or when the topic was recreated), and which offsets the database and the group hold next.
 * A newly assigned partition stays paused and unpositioned until {@link #seekFromDatabase()} has sought it.
 */
final class PartitionPositions {
    // The consume loop's logger: the sink's log lines read as they did before this class was split out of it.
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final InventoryReader reader;
    private final InventoryWriter writer;
    private final Clock clock;
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    /** The next offset the database holds for each partition this loop has written or sought to. */
    private final Map<TopicPartition, Long> doneOffsets = new HashMap<>();

    PartitionPositions(Consumer<byte[], byte[]> consumer, InventoryReader reader, InventoryWriter writer,
                       Clock clock) {
        this.consumer = consumer;
        this.reader = reader;
        this.writer = writer;
        this.clock = clock;
    }

    /** Pauses newly assigned partitions: nothing is fetched from them until they are sought from the database. */
    void assigned(Collection<TopicPartition> partitions) {
        unpositioned.addAll(partitions);
        consumer.pause(partitions);
    }

    boolean allPositioned() {
        return unpositioned.isEmpty();
    }

    /**
     * Seeks the unpositioned partitions to the offsets the database holds (the beginning when it holds none).
     * Throws {@link InventoryDbException} when the database cannot be read; the partitions then stay unpositioned.
     */
    void seekFromDatabase() {
        Map<TopicPartition, Long> stored = storedFor(unpositioned, reader.offsets(SinkConsumer.TOPICS));
        List<PartitionOffset> recreated = RecreatedTopics.find(stored, endOffsets(stored.keySet()));
        if (!recreated.isEmpty()) {
            for (PartitionOffset r : recreated) {
                LOG.warn("{}-{} ends at offset {}, before the database's offset {}: the topic was deleted and "
                        + "recreated (or its log truncated); reading the partition from its beginning",
                        r.topic(), r.partition(), r.nextOffset(), stored.get(new TopicPartition(r.topic(), r.partition())));
            }
            writer.resetOffsets(recreated.stream().map(r -> new PartitionOffset(r.topic(), r.partition(), 0)).toList(),
                    clock.instant());
            recreated.forEach(r -> stored.remove(new TopicPartition(r.topic(), r.partition())));
        }
        for (TopicPartition tp : unpositioned) {
            Long next = stored.get(tp);
            if (next == null) {
                consumer.seekToBeginning(List.of(tp));
                doneOffsets.remove(tp);
            } else {
                consumer.seek(tp, next);
                doneOffsets.put(tp, next);
            }
            LOG.info("Resuming {} from the database's offset {}", tp, next == null ? "(none: beginning)" : next);
        }
        unpositioned.clear();
    }

    /** Pure: the stored next offsets (topic → partition → offset) of those of {@code partitions} that have one. */
    static Map<TopicPartition, Long> storedFor(Collection<TopicPartition> partitions,
                                               Map<String, Map<Integer, Long>> stored) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.getOrDefault(tp.topic(), Map.of()).get(tp.partition());
            if (next != null) {
                out.put(tp, next);
            }
        }
        return out;
    }

    /** The partitions' end offsets, or none when the broker cannot say now (then nothing is taken as recreated). */
    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        try {
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("Reading end offsets failed; not checking for recreated topics this time: {}", e.toString());
            return Map.of();
        }
    }

    /** Resumes the paused partitions that have been sought from the database. */
    void resumePositioned() {
        Set<TopicPartition> ready = new HashSet<>(consumer.paused());
        ready.removeAll(unpositioned);
        consumer.resume(ready);
    }

    /**
     * Every record the consumer returned for a partition is held, so its position (which has stepped over any
     * transaction commit marker after the last record) is as safe to store as last offset + 1, and lets the lag
     * reach 0 with the last batch instead of an idle poll later.
     */
    InventoryBatch withPositions(InventoryBatch batch) {
        Set<TopicPartition> assigned = consumer.assignment();
        List<PartitionOffset> offsets = new ArrayList<>(batch.offsets().size());
        for (PartitionOffset o : batch.offsets()) {
            TopicPartition tp = new TopicPartition(o.topic(), o.partition());
            long position = assigned.contains(tp) && !unpositioned.contains(tp) ? positionOr(tp, o.nextOffset())
                    : o.nextOffset();
            offsets.add(new PartitionOffset(o.topic(), o.partition(), Math.max(o.nextOffset(), position)));
        }
        return new InventoryBatch(batch.deletedRepositoryIds(), batch.repositories(), batch.deletedUserIds(),
                batch.users(), offsets);
    }

    private long positionOr(TopicPartition tp, long fallback) {
        try {
            return consumer.position(tp, Duration.ofSeconds(5));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // The idle loop stores the position later; the record offsets are enough for this batch.
            return fallback;
        }
    }

    /**
     * A transactional producer's commit marker takes an offset after the last record; the consumer steps over it
     * without returning anything. When idle, stores and commits those positions, so the stored offsets (and the
     * group's lag that ops and {@code bbinv demo --once} watch) reach the end of the topic instead of stopping one short.
     */
    void advancePastTransactionMarkers() {
        Set<TopicPartition> active = new HashSet<>(consumer.assignment());
        active.removeAll(consumer.paused());
        active.removeAll(unpositioned);
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (TopicPartition tp : active) {
            positions.put(tp, consumer.position(tp, Duration.ofSeconds(5)));
        }
        List<PartitionOffset> moved = pastDone(positions, doneOffsets);
        if (moved.isEmpty()) {
            return;
        }
        try {
            writer.apply(new InventoryBatch(List.of(), List.of(), List.of(), List.of(), moved), clock.instant());
        } catch (InventoryDbException e) {
            LOG.debug("Storing positions past transaction markers failed; the next batch stores them: {}", e.toString());
            return;
        }
        stored(moved);
    }

    /** Pure: the positions beyond the offset the database holds for their partition (all, where it holds none). */
    static List<PartitionOffset> pastDone(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> done) {
        List<PartitionOffset> moved = new ArrayList<>();
        positions.forEach((tp, position) -> {
            Long stored = done.get(tp);
            if (stored == null || position > stored) {
                moved.add(new PartitionOffset(tp.topic(), tp.partition(), position));
            }
        });
        return moved;
    }

    /**
     * Notes offsets the database has just committed, and commits them to the consumer group too. Ops see lag on
     * the group; the database's own offsets stay the truth, so a failure of the group commit is harmless.
     */
    void stored(List<PartitionOffset> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (PartitionOffset o : offsets) {
            TopicPartition tp = new TopicPartition(o.topic(), o.partition());
            doneOffsets.merge(tp, o.nextOffset(), Math::max);
            if (consumer.assignment().contains(tp)) {
                commit.put(tp, new OffsetAndMetadata(o.nextOffset()));
            }
        }
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit, Duration.ofSeconds(10));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("Committing offsets to the consumer group failed (the database holds them): {}", e.toString());
        }
    }

    /** Drops what it knows of partitions the group took away; their new owner seeks them from the database. */
    void forget(Collection<TopicPartition> partitions) {
        unpositioned.removeAll(partitions);
        partitions.forEach(doneOffsets::remove);
    }
}
