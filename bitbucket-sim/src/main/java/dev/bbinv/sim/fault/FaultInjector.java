package dev.bbinv.sim.fault;

import dev.bbinv.sim.auth.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults currently armed; each matching request consumes one use. Thread-safe. */
public final class FaultInjector {
    private final List<Armed> armed = new CopyOnWriteArrayList<>();

    private record Armed(Fault fault, AtomicInteger remaining) {
        boolean consume() {
            while (true) {
                int left = remaining.get();
                if (left < 0) {
                    return true; // always
                }
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    /** Arms a fault. */
    public void add(Fault fault) {
        armed.add(new Armed(fault, new AtomicInteger(fault.times())));
    }

    public void clear() {
        armed.clear();
    }

    /** How many uses are left across armed faults of this kind (unlimited ones count as 1). */
    public int remaining(Fault.Kind kind) {
        int n = 0;
        for (Armed a : armed) {
            if (a.fault().kind() == kind) {
                n += Math.max(a.remaining().get(), a.remaining().get() < 0 ? 1 : 0);
            }
        }
        return n;
    }

    /** Consumes and returns the faults of these kinds that match the request (at most one per kind). */
    public List<Fault> take(Dialect dialect, String path, int page, Fault.Kind... kinds) {
        List<Fault> taken = new ArrayList<>();
        for (Fault.Kind kind : kinds) {
            for (Armed a : armed) {
                if (a.fault().kind() == kind && a.fault().matches(dialect, path, page) && a.consume()) {
                    taken.add(a.fault());
                    break;
                }
            }
        }
        armed.removeIf(a -> a.remaining().get() == 0);
        return taken;
    }

    /** Consumes one matching fault of {@code kind}, or returns null. */
    public Fault takeOne(Dialect dialect, String path, int page, Fault.Kind kind) {
        List<Fault> taken = take(dialect, path, page, kind);
        return taken.isEmpty() ? null : taken.get(0);
    }
}
