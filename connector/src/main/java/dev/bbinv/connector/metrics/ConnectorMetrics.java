package dev.bbinv.connector.metrics;

import java.util.concurrent.TimeUnit;

import dev.bbinv.connector.bitbucket.RequestBudget;
import dev.bbinv.connector.bitbucket.RequestBudgets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The connector's meters, read from its {@link ConnectorStats} and request budgets:
 * {@code bbinv.connector.requests{profile,endpoint,status}}, {@code bbinv.connector.budget.left{credential}},
 * {@code bbinv.connector.scans{profile,entity,outcome}} (a timer: count and duration), and
 * {@code bbinv.connector.scan.entities|changes|removals{profile,entity,outcome}}.
 */
public final class ConnectorMetrics implements MeterBinder {
    private final ConnectorStats stats;
    private final RequestBudgets budgets;

    public ConnectorMetrics(ConnectorStats stats, RequestBudgets budgets) {
        this.stats = stats;
        this.budgets = budgets;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RequestBudget budget : budgets.all()) {
            Gauge.builder("bbinv.connector.budget.left", budget, RequestBudget::remaining)
                    .tag("credential", budget.label())
                    .description("Requests the credential may still send in the current budget window")
                    .strongReference(true)
                    .register(registry);
        }
        stats.watchKeys(key -> FunctionCounter.builder("bbinv.connector.requests", stats, s -> s.requests(key))
                        .tags("profile", key.profile(), "endpoint", key.endpoint(), "status", key.status())
                        .description("Bitbucket requests sent, every retry included, by answer")
                        .register(registry),
                key -> bindScan(registry, key));
    }

    private void bindScan(MeterRegistry registry, ConnectorStats.ScanKey key) {
        ConnectorStats.ScanTotals totals = stats.scans(key);
        String[] tags = {"profile", key.profile(), "entity", key.entity(), "outcome", key.outcome()};
        FunctionTimer.builder("bbinv.connector.scans", totals, ConnectorStats.ScanTotals::scans,
                        ConnectorStats.ScanTotals::nanos, TimeUnit.NANOSECONDS)
                .tags(tags).description("Finished scans and their duration, by outcome")
                .register(registry);
        FunctionCounter.builder("bbinv.connector.scan.entities", totals, ConnectorStats.ScanTotals::entities)
                .tags(tags).description("Entities listed by scans").register(registry);
        FunctionCounter.builder("bbinv.connector.scan.changes", totals, ConnectorStats.ScanTotals::changes)
                .tags(tags).description("Changed entities published by scans").register(registry);
        FunctionCounter.builder("bbinv.connector.scan.removals", totals, ConnectorStats.ScanTotals::removals)
                .tags(tags).description("Removals published by complete scans").register(registry);
    }
}
