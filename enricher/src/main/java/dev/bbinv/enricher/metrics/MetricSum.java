package dev.bbinv.enricher.metrics;

import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Sums Kafka metrics by group, name and tags over all threads and tasks; pure. */
public final class MetricSum {
    private MetricSum() {}

    /**
     * The sum of numeric metrics of {@code group} named {@code name} whose tags include {@code tags}; 0 when there
     * are none. The group matters: a Streams client also holds its consumers' metrics, some under the same names.
     */
    public static double of(Map<MetricName, ? extends Metric> metrics, String group, String name,
                            Map<String, String> tags) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().group().equals(group) && e.getKey().name().equals(name)
                    && e.getKey().tags().entrySet().containsAll(tags.entrySet())
                    && e.getValue().metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }
}
