package dev.bbinv.sim.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Every request the simulator answered, in arrival order; thread-safe. A log made with {@link #countsOnly()} keeps
 * the counts by route and nothing else: a million-repository scan makes millions of requests, and their records
 * would take gigabytes.
 */
public final class RequestLog {
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final boolean keepRecords;

    public RequestLog() {
        this(true);
    }

    private RequestLog(boolean keepRecords) {
        this.keepRecords = keepRecords;
    }

    /** A log that counts requests by route and keeps no record of each. */
    public static RequestLog countsOnly() {
        return new RequestLog(false);
    }

    public void record(RecordedRequest request) {
        if (keepRecords) {
            requests.add(request);
        }
        byRoute.computeIfAbsent(request.route(), r -> new LongAdder()).increment();
        total.increment();
    }

    public List<RecordedRequest> all() {
        return new ArrayList<>(records());
    }

    public int total() {
        return (int) total.sum();
    }

    /** Requests whose route template equals {@code route}, e.g. {@code GET /2.0/repositories/{workspace}}. */
    public long count(String route) {
        LongAdder n = byRoute.get(route);
        return n == null ? 0 : n.sum();
    }

    public long count(Predicate<RecordedRequest> filter) {
        return records().stream().filter(filter).count();
    }

    /** Requests made with this credential id. */
    public long countFor(String credentialId) {
        return count(r -> credentialId.equals(r.credential()));
    }

    /** Counts by route template, sorted by route. */
    public Map<String, Long> countsByRoute() {
        Map<String, Long> counts = new TreeMap<>();
        byRoute.forEach((route, n) -> {
            if (n.sum() > 0) {
                counts.put(route, n.sum());
            }
        });
        return counts;
    }

    public void reset() {
        requests.clear();
        byRoute.clear();
        total.reset();
    }

    private ConcurrentLinkedQueue<RecordedRequest> records() {
        if (!keepRecords) {
            throw new IllegalStateException("this request log keeps counts by route only (--request-log counts)");
        }
        return requests;
    }
}
