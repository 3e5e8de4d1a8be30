package dev.bbinv.sink.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.bbinv.sink.consume.SinkStats;

/**
 * The sink's own meters, read from its {@link SinkStats}: records applied, batches and their write latency
 * (a timer whose count is the batches committed), the last batch's size, dead-lettered records and database failures.
 */
public final class SinkMetrics implements MeterBinder {
    private final SinkStats stats;

    public SinkMetrics(SinkStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("bbinv.sink.records.applied", stats, SinkStats::recordsApplied)
                .description("Records whose offsets were committed to the inventory database").register(registry);
        FunctionTimer.builder("bbinv.sink.batch.write", stats, SinkStats::batchesCommitted, SinkStats::batchNanos,
                        TimeUnit.NANOSECONDS)
                .description("Committed batches and the time spent writing them to the database").register(registry);
        Gauge.builder("bbinv.sink.batch.last.records", stats, SinkStats::lastBatchRecords)
                .description("Records in the last committed batch").register(registry);
        FunctionCounter.builder("bbinv.sink.dlq.records", stats, SinkStats::deadLettered)
                .description("Records the sink sent to the dead letter queue").register(registry);
        FunctionCounter.builder("bbinv.sink.database.failures", stats, SinkStats::databaseFailures)
                .description("Failed attempts to write a batch; each retry counts").register(registry);
    }
}
