package dev.bbinv.sink.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume loop's bookkeeping of an outage of what it needs (the database, the schema registry, the dead-letter
 * topic): counts the failed attempts, says how long to wait before the next one (doubling, capped), and logs
 * each wait and the recovery.
 */
final class OutageRetry {
    // The consume loop's logger: the sink's log lines read as they did before this class was split out of it.
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Clock clock;
    private int failedAttempts;
    private Instant outageSince;

    OutageRetry(Duration backoffInitial, Duration backoffMax, Clock clock) {
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.clock = clock;
    }

    /** Counts a failed attempt and logs what the loop waits for, the records it holds meanwhile and how long. */
    void failed(String waitingFor, RuntimeException e, int heldRecords) {
        failedAttempts++;
        if (outageSince == null) {
            outageSince = clock.instant();
        }
        Duration delay = Backoff.delay(failedAttempts, backoffInitial, backoffMax);
        LOG.warn("Waiting for {}: {}. Holding {} record(s), consumption paused; attempt {} failed, next in {} ms",
                waitingFor, rootMessage(e), heldRecords, failedAttempts, delay.toMillis());
    }

    /** How long to wait before the next attempt: the backoff after the attempts failed so far (at least one). */
    Duration nextDelay() {
        return Backoff.delay(Math.max(1, failedAttempts), backoffInitial, backoffMax);
    }

    /** The records are written: ends the outage, if there was one, logging how long it lasted. */
    void recovered() {
        if (outageSince != null) {
            LOG.info("Recovered after {} ms and {} failed attempt(s); records written, consumption resumed",
                    Duration.between(outageSince, clock.instant()).toMillis(), failedAttempts);
        }
        failedAttempts = 0;
        outageSince = null;
    }

    /** Pure: the cause's own words (e.g. the driver's "Connection refused"), without our wrapper's repetition. */
    static String rootMessage(Throwable e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
