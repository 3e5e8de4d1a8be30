package dev.bbinv.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Consumer lag per role, the dead letter queue's size and each topic's record count as gauges. Reading them costs
 * admin requests to Kafka, so one read serves every gauge for {@code maxAge}; a scrape never waits more than one read.
 * A value Kafka could not give is NaN (Prometheus shows the gap instead of a stale number).
 */
public final class PipelineGauges {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineGauges.class);

    private final Supplier<PipelineStatus> source;
    private final Duration maxAge;
    private final Clock clock;
    private PipelineStatus last;
    private Instant lastReadAt = Instant.MIN;

    PipelineGauges(Supplier<PipelineStatus> source, Duration maxAge, Clock clock) {
        this.source = source;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * Binds {@code bbinv.consumer.lag{role,group}} for each role, {@code bbinv.dlq.records} and
     * {@code bbinv.topic.records{topic}} for each pipeline topic to {@code registry}.
     */
    public static PipelineGauges bind(MeterRegistry registry, PipelineStatusReader reader, Duration maxAge) {
        return bind(registry, reader::read, reader.roles(), reader.topics(), maxAge, Clock.systemUTC());
    }

    static PipelineGauges bind(MeterRegistry registry, Supplier<PipelineStatus> source, List<String> roles,
            List<String> topics, Duration maxAge, Clock clock) {
        PipelineGauges gauges = new PipelineGauges(source, maxAge, clock);
        for (String role : roles) {
            Gauge.builder("bbinv.consumer.lag", gauges, g -> g.lag(role))
                    .tag("role", role)
                    .strongReference(true)
                    .description("Records between the role's committed offsets and the ends of its input topics")
                    .register(registry);
        }
        // Strong references: Micrometer holds gauge objects weakly, and nothing else keeps this one.
        Gauge.builder("bbinv.dlq.records", gauges, PipelineGauges::dlqRecords)
                .strongReference(true)
                .description("Records in the dead letter topic")
                .register(registry);
        for (String topic : topics) {
            Gauge.builder("bbinv.topic.records", gauges, g -> g.topicRecords(topic))
                    .tag("topic", topic)
                    .strongReference(true)
                    .description("Records a pipeline topic holds (an upper bound on transactional topics)")
                    .register(registry);
        }
        return gauges;
    }

    double lag(String role) {
        PipelineStatus status = current();
        if (status == null) {
            return Double.NaN;
        }
        return status.roles().stream().filter(r -> r.role().equals(role) && r.known())
                .mapToDouble(r -> r.lag()).findFirst().orElse(Double.NaN);
    }

    double dlqRecords() {
        PipelineStatus status = current();
        return status == null ? Double.NaN : status.dlqRecords();
    }

    double topicRecords(String topic) {
        PipelineStatus status = current();
        if (status == null) {
            return Double.NaN;
        }
        return status.topics().stream().filter(t -> t.topic().equals(topic))
                .mapToDouble(PipelineStatus.TopicCount::records).findFirst().orElse(Double.NaN);
    }

    private synchronized PipelineStatus current() {
        Instant now = clock.instant();
        if (last == null || !lastReadAt.plus(maxAge).isAfter(now)) {
            lastReadAt = now;
            try {
                last = source.get();
            } catch (PipelineStatusException e) {
                LOG.debug("Pipeline gauges not refreshed: {}", e.getMessage());
                last = null;
            }
        }
        return last;
    }
}
