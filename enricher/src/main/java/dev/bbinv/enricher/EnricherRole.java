package dev.bbinv.enricher;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.enricher.metrics.EnricherMetrics;
import dev.bbinv.enricher.topology.EnricherTopology;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Runs the enricher topology with exactly_once_v2 on a Kafka cluster: the one thing the {@code bbinv} app starts and
 * closes for the enricher role.
 */
public final class EnricherRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnricherRole.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private final EnricherConfig config;
    private final KafkaStreams streams;
    private final ThreadFailures failures;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile boolean closing;

    private EnricherRole(EnricherConfig config, KafkaStreams streams, ThreadFailures failures) {
        this.config = config;
        this.streams = streams;
        this.failures = failures;
    }

    /** The last error that killed a stream thread, kept to say why the enricher stopped. */
    private static final class ThreadFailures {
        volatile Throwable last;
    }

    /**
     * Validates {@code config} (keys of {@link EnricherConfig}), builds the topology and starts it.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key when a setting is missing or invalid
     */
    public static EnricherRole start(Map<String, ?> config) {
        EnricherConfig cfg = new EnricherConfig(config);
        SchemaRegistryClient registry = PipelineSettings.registryClient(cfg);
        Topology topology = EnricherTopology.build(cfg, registry);
        KafkaStreams streams = new KafkaStreams(topology, new StreamsConfig(cfg.streamsProperties()));
        int maxFailures = cfg.threadFailuresMax();
        ThreadFailurePolicy failures = new ThreadFailurePolicy(maxFailures, FAILURE_WINDOW);
        ThreadFailures seen = new ThreadFailures();
        streams.setUncaughtExceptionHandler(e -> {
            seen.last = e;
            ThreadFailurePolicy.Decision decision = failures.failedAt(Instant.now());
            if (!decision.replace()) {
                LOG.error("Enricher stream threads failed more than {} times in {}; stopping the enricher",
                        maxFailures, FAILURE_WINDOW, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            LOG.warn("Enricher stream thread failed; retrying from the last commit in {}: {}", decision.backoff(),
                    e.toString());
            try {
                // Runs on the dying thread: a pause here spaces the retries during an outage.
                Thread.sleep(decision.backoff().toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("Enricher started: application id {}, brokers {}, registry {}", cfg.applicationId(),
                cfg.bootstrapServers(), cfg.schemaRegistryUrl().getHost());
        return new EnricherRole(cfg, streams, seen);
    }

    /**
     * Why the enricher stopped for good, if it did: Kafka Streams left RUNNING/REBALANCING for ERROR or NOT_RUNNING
     * without {@link #close()} (its stream threads failed more than {@code enricher.thread.failures.max}
     * allows). A broker or registry outage shorter than that keeps it running. Empty while it runs and after close.
     */
    public java.util.Optional<String> stoppedForGood() {
        KafkaStreams.State state = streams.state();
        // The final states only: PENDING_ERROR is on its way to ERROR, and the reason should name where it ends.
        boolean stopped = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING;
        if (closing || !stopped) {
            return java.util.Optional.empty();
        }
        Throwable last = failures.last;
        return java.util.Optional.of("Kafka Streams is in state " + state + " after its stream threads failed more than "
                + config.threadFailuresMax() + " time(s) in " + FAILURE_WINDOW.toMinutes() + " minutes"
                + (last == null ? "" : "; last: " + rootOf(last)));
    }

    private static String rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.toString() : e.getClass().getSimpleName() + ": " + t;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits until the enricher is RUNNING (it has its partitions); false if it is not within {@code timeout}. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            boolean stopped = streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.PENDING_SHUTDOWN
                    || streams.state() == KafkaStreams.State.NOT_RUNNING;
            if (stopped || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Records sent to the dead letter queue by this instance's current tasks (Streams metric {@code dead-letter-total}
     * in group {@code stream-enricher-metrics}; a task that moves to another instance takes its count along).
     */
    public long deadLetterCount() {
        return sumOf("dead-letter-total");
    }

    /** Catalog files whose app context is an error, counted like {@link #deadLetterCount()}. */
    public long catalogErrorCount() {
        return sumOf("catalog-error-total");
    }

    /** Binds the enricher's meters ({@link EnricherMetrics}) and all Kafka Streams client metrics to {@code registry}. */
    public synchronized void bindMetrics(MeterRegistry registry) {
        new EnricherMetrics(streams).bindTo(registry);
        if (streamsMetrics == null) {
            streamsMetrics = new KafkaStreamsMetrics(streams);
        }
        streamsMetrics.bindTo(registry);
    }

    public String applicationId() {
        return config.applicationId();
    }

    private long sumOf(String metricName) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals(metricName) && e.getValue().metricValue() instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return (long) sum;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (streamsMetrics != null) {
                streamsMetrics.close();
            }
        }
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Enricher did not stop within {}", CLOSE_TIMEOUT);
        }
        LOG.info("Enricher stopped");
    }
}
