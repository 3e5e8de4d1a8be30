package dev.bbinv.sim.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Every request the simulator answered, in arrival order; thread-safe. */
public final class RequestLog {
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

    public void record(RecordedRequest request) {
        requests.add(request);
    }

    public List<RecordedRequest> all() {
        return new ArrayList<>(requests);
    }

    public int total() {
        return requests.size();
    }

    /** Requests whose route template equals {@code route}, e.g. {@code GET /2.0/repositories/{workspace}}. */
    public long count(String route) {
        return count(r -> r.route().equals(route));
    }

    public long count(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).count();
    }

    /** Requests made with this credential id. */
    public long countFor(String credentialId) {
        return count(r -> credentialId.equals(r.credential()));
    }

    /** Counts by route template, sorted by route. */
    public Map<String, Long> countsByRoute() {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedRequest r : requests) {
            counts.merge(r.route(), 1L, Long::sum);
        }
        return counts;
    }

    public void reset() {
        requests.clear();
    }
}
