package dev.bbinv.sink.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/**
 * The sink's consume loop: reads the inventory topics, writes each poll's records and their offsets in one
 * database transaction, and resumes from the database's offsets whenever it is given a partition. When a
 * write fails it keeps the records, pauses the partitions and retries with backoff until the database is back.
 * The same offsets are then committed to the Kafka consumer group, for lag monitoring only.
 * Where partitions read from is kept by {@link PartitionPositions}, the records it skips by {@link PoisonRecords},
 * the retries by {@link OutageRetry}.
 */
public final class SinkConsumer implements Runnable {
    public static final List<String> TOPICS = Topics.names(Topics.INVENTORY_TOPICS);
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final InventoryWriter writer;
    private final String databaseName;
    private final Settings settings;
    private final Clock clock;
    private final SinkStats stats = new SinkStats();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile RuntimeException failure;

    private final List<ConsumerRecord<byte[], byte[]>> held = new ArrayList<>();
    private final PartitionPositions positions;
    private final PoisonRecords poison;
    private final OutageRetry outage;

    /** How the loop polls and retries. */
    public record Settings(Duration pollTimeout, Duration backoffInitial, Duration backoffMax) {}

    public SinkConsumer(Consumer<byte[], byte[]> consumer, RecordDecoder decoder, DeadLetterPublisher deadLetters,
                        InventoryWriter writer, InventoryReader reader, String databaseName, Settings settings,
                        Clock clock) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.databaseName = databaseName;
        this.settings = settings;
        this.clock = clock;
        this.positions = new PartitionPositions(consumer, reader, writer, clock);
        this.poison = new PoisonRecords(writer, clock);
        this.outage = new OutageRetry(settings.backoffInitial(), settings.backoffMax(), clock);
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
        if (!positions.allPositioned() && !positionFromDatabase()) {
            waitBeforeRetry();
            return;
        }
        if (held.isEmpty()) {
            consumer.poll(settings.pollTimeout()).forEach(held::add);
            if (held.isEmpty()) {
                positions.advancePastTransactionMarkers();
                return;
            }
            stats.recordsPolled();
        }
        if (applyHeld()) {
            outage.recovered();
            positions.resumePositioned();
        } else {
            consumer.pause(consumer.assignment());
            waitBeforeRetry();
        }
    }

    /** Seeks newly assigned partitions to the offsets the database holds; false when it must be retried. */
    private boolean positionFromDatabase() {
        try {
            positions.seekFromDatabase();
        } catch (InventoryDbException e) {
            outage.failed("the inventory database " + databaseName + " to read the sink's offsets", e, held.size());
            // Pause everything: the wait polls, and active partitions would otherwise pile records up in memory.
            consumer.pause(consumer.assignment());
            return false;
        }
        if (held.isEmpty()) {
            // Nothing waits to be written, so every partition may fetch again (a failed read paused them all).
            consumer.resume(consumer.paused());
        }
        return true;
    }

    /** Decodes, dead-letters and writes the held records; false when it must be retried. */
    private boolean applyHeld() {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>(held.size());
        List<DeadLetter> letters = new ArrayList<>();
        List<String> letterIds = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : held) {
            try {
                poison.throwIfRefusedByDatabase(r.topic(), r.partition(), r.offset());
                changes.add(decoder.decode(r));
            } catch (RecordDecoder.PoisonRecordException e) {
                String where = PoisonRecords.where(r.topic(), r.partition(), r.offset());
                changes.add(new Change.Skipped(r.topic(), r.partition(), r.offset()));
                if (!poison.deadLetterSent(where)) {
                    LOG.warn("Skipping {} ({} key bytes): {}; sending it to {}", where,
                            r.key() == null ? 0 : r.key().length, e.getMessage(), Topics.DLQ_TOPIC);
                    letters.add(DeadLetterPublisher.deadLetter(r, e, now));
                    letterIds.add(where);
                }
            } catch (RecordDecoder.TransientDecodeException e) {
                outage.failed("the schema registry", e, held.size());
                return false;
            }
        }
        if (!letters.isEmpty()) {
            try {
                deadLetters.publish(letters);
            } catch (RuntimeException e) {
                outage.failed("the dead-letter topic " + Topics.DLQ_TOPIC, e, held.size());
                return false;
            }
            poison.deadLettersSent(letterIds);
            stats.deadLettered(letters.size());
        }
        InventoryBatch batch = positions.withPositions(BatchPlanner.plan(changes));
        long writeStarted = System.nanoTime();
        try {
            writer.apply(batch, now);
        } catch (InventoryDbException e) {
            stats.databaseFailed();
            if (e.isDataError() && writer.databaseReachable() && poison.findRefused(changes) > 0) {
                // Each round dead-letters at least one more held record, so this ends.
                return applyHeld();
            }
            outage.failed("the inventory database " + databaseName + " to write " + held.size() + " record(s)", e,
                    held.size());
            return false;
        }
        long writeNanos = System.nanoTime() - writeStarted;
        stats.batchCommitted(held.size(), writeNanos);
        LOG.debug("Wrote {} record(s) as {} change(s) in {} ms", held.size(), batch.changes(), writeNanos / 1_000_000);
        held.clear();
        poison.clear();
        positions.stored(batch.offsets());
        return true;
    }

    /** Waits by polling paused partitions, so group membership stays alive and rebalances are handled. */
    private void waitBeforeRetry() {
        consumer.poll(outage.nextDelay()).forEach(held::add);
    }

    /** Partitions come and go with the group; the database says where each one resumes. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Nothing is fetched from them until positionFromDatabase() has sought them to the stored offsets.
            positions.assigned(partitions);
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
            poison.forget(partitions);
            positions.forget(partitions);
        }
    }
}
