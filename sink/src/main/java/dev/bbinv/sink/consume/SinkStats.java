package dev.bbinv.sink.consume;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the sink has done since it started, for metrics, health and tests. */
public final class SinkStats {
    private final AtomicLong recordsApplied = new AtomicLong();
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong databaseFailures = new AtomicLong();
    private final AtomicLong batchNanos = new AtomicLong();
    private final AtomicLong lastBatchRecords = new AtomicLong();
    private final AtomicLong firstRecordsNanos = new AtomicLong();

    /** Records (changes and dead letters) whose offsets were committed to the database. */
    public long recordsApplied() {
        return recordsApplied.get();
    }

    public long batchesCommitted() {
        return batchesCommitted.get();
    }

    /** Records sent to the dead-letter topic because they could not be decoded or mapped. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Failed attempts to write a batch (each retry counts). */
    public long databaseFailures() {
        return databaseFailures.get();
    }

    /** Time spent writing committed batches to the database, in nanoseconds, summed over all batches. */
    public long batchNanos() {
        return batchNanos.get();
    }

    /** Records in the last committed batch. */
    public long lastBatchRecords() {
        return lastBatchRecords.get();
    }

    /**
     * {@link System#nanoTime()} when a poll first returned records, 0 before: where throughput is timed from
     * without the start-up (migrations, group join) that a bench's baseline does not have.
     */
    public long firstRecordsNanos() {
        return firstRecordsNanos.get();
    }

    void recordsPolled() {
        firstRecordsNanos.compareAndSet(0, System.nanoTime());
    }

    void batchCommitted(int records, long nanos) {
        // The total time first: a reader that sees the new count also sees its time.
        batchNanos.addAndGet(nanos);
        lastBatchRecords.set(records);
        recordsApplied.addAndGet(records);
        batchesCommitted.incrementAndGet();
    }

    void deadLettered(int n) {
        deadLettered.addAndGet(n);
    }

    void databaseFailed() {
        databaseFailures.incrementAndGet();
    }
}
