package dev.bbinv.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap of this whole process every few milliseconds and keeps the peak since the last reset. */
final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
        thread = new Thread(this::loop, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peak of the samples, or of the JVM's own pool peaks if those are higher (they see between samples). */
    long peakBytes() {
        long pools = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                pools += pool.getPeakUsage().getUsed();
            }
        }
        // The sum of per-pool peaks over-states (pools peak at different moments); the sampled figure is the one reported.
        return peak.get() > 0 ? peak.get() : pools;
    }

    void reset() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        peak.set(0);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
