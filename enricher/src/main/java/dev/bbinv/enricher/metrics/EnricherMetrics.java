package dev.bbinv.enricher.metrics;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.bbinv.schemas.Topics;

/**
 * The enricher's own meters, read from its Kafka Streams metrics: records in per raw topic, assets out per inventory
 * topic, dead letters and catalog parse errors. Counts belong to this instance's current tasks, so a task that moves
 * to another instance takes its count along (the counters may then step back; Prometheus treats that as a reset).
 */
public final class EnricherMetrics implements MeterBinder {
    static final List<String> INPUT_TOPICS = Topics.names(Topics.ENRICHER_INPUTS);
    static final List<String> OUTPUT_TOPICS = Topics.names(Topics.INVENTORY_TOPICS);

    /** Where Kafka Streams keeps per-topic counts (recorded at INFO level). */
    static final String TOPIC_GROUP = "stream-topic-metrics";
    /** Where the enricher's processors register their own sensors. */
    static final String OWN_GROUP = "stream-enricher-metrics";

    private final KafkaStreams streams;

    public EnricherMetrics(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String topic : INPUT_TOPICS) {
            FunctionCounter.builder("bbinv.enricher.records.in", streams,
                            s -> MetricSum.of(s.metrics(), TOPIC_GROUP, "records-consumed-total", Map.of("topic", topic)))
                    .tag("topic", topic).description("Raw records the enricher consumed").register(registry);
        }
        for (String topic : OUTPUT_TOPICS) {
            FunctionCounter.builder("bbinv.enricher.assets.out", streams,
                            s -> MetricSum.of(s.metrics(), TOPIC_GROUP, "records-produced-total", Map.of("topic", topic)))
                    .tag("topic", topic).description("Asset records the enricher produced").register(registry);
        }
        FunctionCounter.builder("bbinv.enricher.dlq.records", streams,
                        s -> MetricSum.of(s.metrics(), OWN_GROUP, "dead-letter-total", Map.of()))
                .description("Records the enricher sent to the dead letter queue").register(registry);
        FunctionCounter.builder("bbinv.enricher.catalog.parse.errors", streams,
                        s -> MetricSum.of(s.metrics(), OWN_GROUP, "catalog-error-total", Map.of()))
                .description("Catalog files that could not be parsed or used").register(registry);
    }
}
