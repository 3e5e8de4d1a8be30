package dev.bbinv.connector.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.bbinv.connector.poll.ScanSummary;

/**
 * What the connector has done since it started: requests by profile, endpoint and status, and scans by profile,
 * entity and outcome with their entities, changes, removals and time. Thread-safe and free of any metrics library, so
 * the scan path works the same with or without a registry; {@link ConnectorMetrics} shows it to one.
 */
public final class ConnectorStats {
    /** One request counter's identity; {@code status} is the HTTP code, or {@code timeout} / {@code io-error}. */
    public record RequestKey(String profile, String endpoint, String status) {}

    /** One scan counter's identity; {@code outcome} is the lower-case {@link ScanSummary.Outcome}. */
    public record ScanKey(String profile, String entity, String outcome) {}

    /** Totals over the scans of one {@link ScanKey}. */
    public static final class ScanTotals {
        final LongAdder scans = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder entities = new LongAdder();
        final LongAdder changes = new LongAdder();
        final LongAdder removals = new LongAdder();

        public long scans() { return scans.sum(); }
        public long nanos() { return nanos.sum(); }
        public long entities() { return entities.sum(); }
        public long changes() { return changes.sum(); }
        public long removals() { return removals.sum(); }
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<ScanKey, ScanTotals> scans = new ConcurrentHashMap<>();
    private final List<Consumer<RequestKey>> newRequestKeys = new CopyOnWriteArrayList<>();
    private final List<Consumer<ScanKey>> newScanKeys = new CopyOnWriteArrayList<>();

    public void request(String profile, String endpoint, String status) {
        RequestKey key = new RequestKey(profile, endpoint, status);
        LongAdder counter = requests.get(key);
        if (counter == null) {
            LongAdder fresh = new LongAdder();
            counter = requests.putIfAbsent(key, fresh);
            if (counter == null) {
                counter = fresh;
                newRequestKeys.forEach(listener -> listener.accept(key));
            }
        }
        counter.increment();
    }

    public void scanFinished(ScanSummary summary) {
        ScanKey key = new ScanKey(summary.scope().profile(), summary.scope().entity().label,
                summary.outcome().name().toLowerCase(java.util.Locale.ROOT));
        ScanTotals totals = scans.get(key);
        if (totals == null) {
            ScanTotals fresh = new ScanTotals();
            totals = scans.putIfAbsent(key, fresh);
            if (totals == null) {
                totals = fresh;
                newScanKeys.forEach(listener -> listener.accept(key));
            }
        }
        totals.entities.add(summary.entities());
        totals.changes.add(summary.changes());
        totals.removals.add(summary.removals());
        totals.nanos.add(summary.elapsed().toNanos());
        // Last, so a reader that sees the scan also sees its numbers.
        totals.scans.increment();
    }

    public long requests(RequestKey key) {
        LongAdder counter = requests.get(key);
        return counter == null ? 0 : counter.sum();
    }

    public ScanTotals scans(ScanKey key) {
        return scans.get(key);
    }

    /** Calls {@code onRequestKey} / {@code onScanKey} for every key seen so far and every new one from now on. */
    synchronized void watchKeys(Consumer<RequestKey> onRequestKey, Consumer<ScanKey> onScanKey) {
        newRequestKeys.add(onRequestKey);
        newScanKeys.add(onScanKey);
        requests.keySet().forEach(onRequestKey);
        scans.keySet().forEach(onScanKey);
    }
}
