package dev.bbinv.sink.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.InventoryDbException;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.db.PartitionOffset;

/**
 * The sink's consume loop: reads the inventory topics, writes each poll's records and their offsets in one
 * database transaction, and resumes from the database's offsets whenever it is given a partition. When a
 * write fails it keeps the records, pauses the partitions and retries with backoff until the database is back.
 * The same offsets are then committed to the Kafka consumer group, for lag monitoring only.
 */
public final class SinkConsumer implements Runnable {
    public static final List<String> TOPICS = Topics.names(Topics.INVENTORY_TOPICS);
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final InventoryWriter writer;
    private final InventoryReader reader;
    private final String databaseName;
    private final Settings settings;
    private final Clock clock;
    private final SinkStats stats = new SinkStats();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile RuntimeException failure;

    private final List<ConsumerRecord<byte[], byte[]>> held = new ArrayList<>();
    private final Set<String> deadLettersSent = new HashSet<>();
    /** Held records the database refused on their own (topic-partition@offset → why); they are dead-lettered. */
    private final Map<String, RecordDecoder.PoisonRecordException> refusedByDatabase = new HashMap<>();
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    /** The next offset the database holds for each partition this loop has written or sought to. */
    private final Map<TopicPartition, Long> doneOffsets = new HashMap<>();
    private int failedAttempts;
    private Instant outageSince;

    /** How the loop polls and retries. */
    public record Settings(Duration pollTimeout, Duration backoffInitial, Duration backoffMax) {}

    public SinkConsumer(Consumer<byte[], byte[]> consumer, RecordDecoder decoder, DeadLetterPublisher deadLetters,
                        InventoryWriter writer, InventoryReader reader, String databaseName, Settings settings,
                        Clock clock) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.reader = reader;
        this.databaseName = databaseName;
        this.settings = settings;
        this.clock = clock;
    }

    public SinkStats stats() {
        return stats;
    }

    /** Asks the loop to stop after its current step; safe from any thread. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }

    /** The error that ended the loop, if one did (not set when {@link #stop()} ended it). */
    public java.util.Optional<RuntimeException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        consumer.subscribe(TOPICS, new Rebalance());
        try {
            while (running.get()) {
                try {
                    step();
                } catch (WakeupException e) {
                    // stop() was called; the loop condition ends it.
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("The sink's consume loop stopped on an unexpected error", e);
            throw e;
        } catch (Error e) {
            // Logged and kept like any other end of the loop, not only printed by the dying thread.
            failure = new IllegalStateException("the consume loop stopped on " + e, e);
            LOG.error("The sink's consume loop stopped on an unexpected error", e);
            throw e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
            writer.close();
        }
    }

    private void step() {
        if (!unpositioned.isEmpty() && !positionFromDatabase()) {
            waitBeforeRetry();
            return;
        }
        if (held.isEmpty()) {
            consumer.poll(settings.pollTimeout()).forEach(held::add);
            if (held.isEmpty()) {
                advancePastTransactionMarkers();
                return;
            }
            stats.recordsPolled();
        }
        if (applyHeld()) {
            if (outageSince != null) {
                LOG.info("Recovered after {} ms and {} failed attempt(s); records written, consumption resumed",
                        Duration.between(outageSince, clock.instant()).toMillis(), failedAttempts);
            }
            failedAttempts = 0;
            outageSince = null;
            Set<TopicPartition> ready = new HashSet<>(consumer.paused());
            ready.removeAll(unpositioned);
            consumer.resume(ready);
        } else {
            consumer.pause(consumer.assignment());
            waitBeforeRetry();
        }
    }

    /** Seeks newly assigned partitions to the offsets the database holds (the beginning when it holds none). */
    private boolean positionFromDatabase() {
        try {
            Map<String, Map<Integer, Long>> stored = reader.offsets(TOPICS);
            Map<TopicPartition, Long> storedHere = new HashMap<>();
            for (TopicPartition tp : unpositioned) {
                Long next = stored.getOrDefault(tp.topic(), Map.of()).get(tp.partition());
                if (next != null) {
                    storedHere.put(tp, next);
                }
            }
            List<PartitionOffset> recreated = RecreatedTopics.find(storedHere, endOffsets(storedHere.keySet()));
            if (!recreated.isEmpty()) {
                for (PartitionOffset r : recreated) {
                    LOG.warn("{}-{} ends at offset {}, before the database's offset {}: the topic was deleted and "
                            + "recreated (or its log truncated); reading the partition from its beginning",
                            r.topic(), r.partition(), r.nextOffset(), storedHere.get(new TopicPartition(r.topic(), r.partition())));
                }
                writer.resetOffsets(recreated.stream().map(r -> new PartitionOffset(r.topic(), r.partition(), 0)).toList(),
                        clock.instant());
                recreated.forEach(r -> stored.get(r.topic()).remove(r.partition()));
            }
            for (TopicPartition tp : unpositioned) {
                Long next = stored.getOrDefault(tp.topic(), Map.of()).get(tp.partition());
                if (next == null) {
                    consumer.seekToBeginning(List.of(tp));
                    doneOffsets.remove(tp);
                } else {
                    consumer.seek(tp, next);
                    doneOffsets.put(tp, next);
                }
                LOG.info("Resuming {} from the database's offset {}", tp, next == null ? "(none: beginning)" : next);
            }
            if (held.isEmpty()) {
                // Nothing waits to be written, so every partition may fetch again (a failed read paused them all).
                consumer.resume(consumer.paused());
            }
            unpositioned.clear();
            return true;
        } catch (InventoryDbException e) {
            noteFailure("the inventory database " + databaseName + " to read the sink's offsets", e);
            // Pause everything: the wait polls, and active partitions would otherwise pile records up in memory.
            consumer.pause(consumer.assignment());
            return false;
        }
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

    /** Decodes, dead-letters and writes the held records; false when it must be retried. */
    private boolean applyHeld() {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>(held.size());
        List<DeadLetter> letters = new ArrayList<>();
        List<String> letterIds = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : held) {
            String where = where(r.topic(), r.partition(), r.offset());
            try {
                if (refusedByDatabase.containsKey(where)) {
                    throw refusedByDatabase.get(where);
                }
                changes.add(decoder.decode(r));
            } catch (RecordDecoder.PoisonRecordException e) {
                changes.add(new Change.Skipped(r.topic(), r.partition(), r.offset()));
                if (!deadLettersSent.contains(where)) {
                    LOG.warn("Skipping {} ({} key bytes): {}; sending it to {}", where,
                            r.key() == null ? 0 : r.key().length, e.getMessage(), Topics.DLQ_TOPIC);
                    letters.add(DeadLetterPublisher.deadLetter(r, e, now));
                    letterIds.add(where);
                }
            } catch (RecordDecoder.TransientDecodeException e) {
                noteFailure("the schema registry", e);
                return false;
            }
        }
        if (!letters.isEmpty()) {
            try {
                deadLetters.publish(letters);
            } catch (RuntimeException e) {
                noteFailure("the dead-letter topic " + Topics.DLQ_TOPIC, e);
                return false;
            }
            deadLettersSent.addAll(letterIds);
            stats.deadLettered(letters.size());
        }
        InventoryBatch batch = withPositions(BatchPlanner.plan(changes));
        long writeStarted = System.nanoTime();
        try {
            writer.apply(batch, now);
        } catch (InventoryDbException e) {
            stats.databaseFailed();
            if (e.isDataError() && writer.databaseReachable() && findRefused(changes) > 0) {
                // Each round dead-letters at least one more held record, so this ends.
                return applyHeld();
            }
            noteFailure("the inventory database " + databaseName + " to write " + held.size() + " record(s)", e);
            return false;
        }
        long writeNanos = System.nanoTime() - writeStarted;
        stats.batchCommitted(held.size(), writeNanos);
        LOG.debug("Wrote {} record(s) as {} change(s) in {} ms", held.size(), batch.changes(), writeNanos / 1_000_000);
        held.clear();
        deadLettersSent.clear();
        refusedByDatabase.clear();
        commitToKafka(batch.offsets());
        return true;
    }

    /**
     * Every record the consumer returned for a partition is held, so its position (which has stepped over any
     * transaction commit marker after the last record) is as safe to store as last offset + 1, and lets the lag
     * reach 0 with the last batch instead of an idle poll later.
     */
    private InventoryBatch withPositions(InventoryBatch batch) {
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
    private void advancePastTransactionMarkers() {
        List<PartitionOffset> moved = new ArrayList<>();
        Set<TopicPartition> active = new HashSet<>(consumer.assignment());
        active.removeAll(consumer.paused());
        active.removeAll(unpositioned);
        for (TopicPartition tp : active) {
            long position = consumer.position(tp, Duration.ofSeconds(5));
            Long done = doneOffsets.get(tp);
            if (done == null || position > done) {
                moved.add(new PartitionOffset(tp.topic(), tp.partition(), position));
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        try {
            writer.apply(new InventoryBatch(List.of(), List.of(), List.of(), List.of(), moved), clock.instant());
        } catch (InventoryDbException e) {
            LOG.debug("Storing positions past transaction markers failed; the next batch stores them: {}", e.toString());
            return;
        }
        commitToKafka(moved);
    }

    /**
     * The database is up but refused the batch: applies each change alone (idempotent, without offsets) to find
     * the ones it refuses for their data, so that one bad row cannot stop the sink. Returns how many it found.
     */
    private int findRefused(List<Change> changes) {
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
                                    + rootMessage(e), e.getCause()));
                    found++;
                }
            }
        }
        return found;
    }

    private static String where(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /** Ops see lag on the consumer group; the database's own offsets stay the truth, so a failure here is harmless. */
    private void commitToKafka(List<PartitionOffset> offsets) {
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

    private void noteFailure(String waitingFor, RuntimeException e) {
        failedAttempts++;
        if (outageSince == null) {
            outageSince = clock.instant();
        }
        Duration delay = Backoff.delay(failedAttempts, settings.backoffInitial(), settings.backoffMax());
        LOG.warn("Waiting for {}: {}. Holding {} record(s), consumption paused; attempt {} failed, next in {} ms",
                waitingFor, rootMessage(e), held.size(), failedAttempts, delay.toMillis());
    }

    /** Waits by polling paused partitions, so group membership stays alive and rebalances are handled. */
    private void waitBeforeRetry() {
        Duration delay = Backoff.delay(Math.max(1, failedAttempts), settings.backoffInitial(), settings.backoffMax());
        consumer.poll(delay).forEach(held::add);
    }

    /** The cause's own words (e.g. the driver's "Connection refused"), without our wrapper's repetition. */
    private static String rootMessage(Throwable e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Partitions come and go with the group; the database says where each one resumes. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            unpositioned.addAll(partitions);
            // Nothing is fetched from them until positionFromDatabase() has sought them to the stored offsets.
            consumer.pause(partitions);
            // Seeking here lets the poll that joined the group fetch at once instead of idling out its timeout;
            // when the database is down, step() retries with backoff.
            positionFromDatabase();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            // Held records of a partition we no longer own are re-read by its new owner from the database's offsets.
            held.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            deadLettersSent.removeIf(w -> partitions.stream().anyMatch(tp -> w.startsWith(tp.topic() + "-" + tp.partition() + "@")));
            refusedByDatabase.keySet().removeIf(w -> partitions.stream().anyMatch(tp -> w.startsWith(tp.topic() + "-" + tp.partition() + "@")));
            unpositioned.removeAll(partitions);
            partitions.forEach(doneOffsets::remove);
        }
    }
}
