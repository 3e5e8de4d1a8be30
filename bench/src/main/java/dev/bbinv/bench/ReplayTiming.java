package dev.bbinv.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

import dev.bbinv.ops.ConsumerLagReader;

/**
 * How long a Kafka Streams application took to replay some topics, timed the same way for the enricher and its
 * baselines: from start to caught up (lag 0 on the committed offsets), and the part of it before the application
 * first reached RUNNING (group join, task assignment, store initialisation), so that start-up and processing can be
 * told apart at small sizes. {@code processingSeconds} is from first RUNNING to caught up.
 */
record ReplayTiming(double totalSeconds, double startupSeconds, double processingSeconds) {
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration LAG_POLL = Duration.ofMillis(50);

    /** The best of several runs: the shortest total, start-up and processing, each on its own. */
    static ReplayTiming best(List<ReplayTiming> runs) {
        double total = runs.stream().mapToDouble(ReplayTiming::totalSeconds).min().orElseThrow();
        double startup = runs.stream().mapToDouble(ReplayTiming::startupSeconds).min().orElseThrow();
        double processing = runs.stream().mapToDouble(ReplayTiming::processingSeconds).min().orElseThrow();
        return new ReplayTiming(total, startup, processing);
    }

    ReplayTiming(double totalSeconds, double startupSeconds) {
        this(totalSeconds, startupSeconds, totalSeconds - startupSeconds);
    }

    /**
     * Waits for {@code state} to reach RUNNING, then for {@code group} to catch up with {@code topics}; both measured
     * from {@code startNanos}.
     *
     * @throws IllegalStateException when either does not happen within {@code timeout}, or the application stops
     */
    static ReplayTiming await(long startNanos, Supplier<KafkaStreams.State> state, Admin admin, String group,
            List<String> topics, Duration timeout) throws InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State now = state.get();
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
                    || now == KafkaStreams.State.PENDING_SHUTDOWN || System.nanoTime() > deadline) {
                throw new IllegalStateException("group " + group + " did not reach RUNNING within " + timeout
                        + " (state " + now + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
        double startup = seconds(startNanos);
        awaitCaughtUp(admin, group, topics, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return new ReplayTiming(seconds(startNanos), startup);
    }

    /**
     * Polls until {@code group}'s lag on {@code topics} is zero: how every stage of the bench tells a consumer is done.
     *
     * @throws IllegalStateException when {@code timeout} passes first
     */
    static void awaitCaughtUp(Admin admin, String group, List<String> topics, Duration timeout)
            throws InterruptedException {
        if (!new ConsumerLagReader(admin, Duration.ofSeconds(20)).awaitCaughtUp(group, topics, timeout, LAG_POLL)) {
            throw new IllegalStateException("group " + group + " did not catch up with " + topics + " within " + timeout);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
