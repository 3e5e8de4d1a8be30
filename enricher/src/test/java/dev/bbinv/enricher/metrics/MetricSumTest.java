package dev.bbinv.enricher.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class MetricSumTest {
    private static Metric valued(Object value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }

    @Test
    void sumsTheNamedMetricOfTheGroupOverTasksMatchingTheTagsAndSkipsNonNumbers() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        metrics.put(new MetricName("records-consumed-total", "stream-topic-metrics", "",
                Map.of("task-id", "0_0", "topic", "a")), valued(3.0));
        metrics.put(new MetricName("records-consumed-total", "stream-topic-metrics", "",
                Map.of("task-id", "0_1", "topic", "a")), valued(4.0));
        metrics.put(new MetricName("records-consumed-total", "stream-topic-metrics", "",
                Map.of("task-id", "0_1", "topic", "b")), valued(100.0));
        metrics.put(new MetricName("records-consumed-rate", "stream-topic-metrics", "",
                Map.of("task-id", "0_1", "topic", "a")), valued(50.0));
        metrics.put(new MetricName("records-consumed-total", "stream-topic-metrics", "",
                Map.of("task-id", "0_2", "topic", "a")), valued("n/a"));
        metrics.put(new MetricName("records-consumed-total", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "main-consumer", "topic", "a")), valued(7.0));

        assertEquals(7.0, MetricSum.of(metrics, "stream-topic-metrics", "records-consumed-total", Map.of("topic", "a")));
        assertEquals(107.0, MetricSum.of(metrics, "stream-topic-metrics", "records-consumed-total", Map.of()));
        assertEquals(0.0, MetricSum.of(metrics, "stream-enricher-metrics", "dead-letter-total", Map.of()));
    }
}
