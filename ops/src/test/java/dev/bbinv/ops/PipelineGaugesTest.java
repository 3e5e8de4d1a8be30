package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PipelineGaugesTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };

    private static PipelineStatus status(long enricherLag, long dlq) {
        return new PipelineStatus(Instant.EPOCH,
                List.of(new PipelineStatus.TopicCount("raw", 3, 120), new PipelineStatus.TopicCount("dlq", 1, dlq)),
                List.of(new PipelineStatus.RoleLag("enricher", "e", enricherLag),
                        new PipelineStatus.RoleLag("sink", "s", null)),
                dlq);
    }

    @Test
    void gaugesShowTheLastReadAndReadAgainOnlyWhenItIsOld() {
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<PipelineStatus> answer = new AtomicReference<>(status(42, 2));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PipelineGauges.bind(registry, () -> { reads.incrementAndGet(); return answer.get(); },
                List.of("enricher", "sink"), List.of("raw", "missing"), Duration.ofSeconds(5), clock);

        assertEquals(42.0, registry.get("bbinv.consumer.lag").tag("role", "enricher").gauge().value());
        assertTrue(Double.isNaN(registry.get("bbinv.consumer.lag").tag("role", "sink").gauge().value()),
                "a group that committed nothing has no lag yet");
        assertEquals(2.0, registry.get("bbinv.dlq.records").gauge().value());
        assertEquals(120.0, registry.get("bbinv.topic.records").tag("topic", "raw").gauge().value());
        assertTrue(Double.isNaN(registry.get("bbinv.topic.records").tag("topic", "missing").gauge().value()));
        assertEquals(1, reads.get(), "one read serves every gauge while it is fresh");

        answer.set(status(0, 3));
        now.set(now.get().plusSeconds(6));
        assertEquals(0.0, registry.get("bbinv.consumer.lag").tag("role", "enricher").gauge().value());
        assertEquals(3.0, registry.get("bbinv.dlq.records").gauge().value());
        assertEquals(2, reads.get());
    }

    @Test
    void aFailedReadShowsNoValueRatherThanAStaleOne() {
        AtomicReference<PipelineStatus> answer = new AtomicReference<>(status(7, 0));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PipelineGauges.bind(registry, () -> {
            PipelineStatus s = answer.get();
            if (s == null) {
                throw new PipelineStatusException("Kafka did not answer", null);
            }
            return s;
        }, List.of("enricher"), List.of(), Duration.ofSeconds(5), clock);
        assertEquals(7.0, registry.get("bbinv.consumer.lag").tag("role", "enricher").gauge().value());

        answer.set(null);
        now.set(now.get().plusSeconds(10));
        assertTrue(Double.isNaN(registry.get("bbinv.consumer.lag").tag("role", "enricher").gauge().value()));
    }
}
