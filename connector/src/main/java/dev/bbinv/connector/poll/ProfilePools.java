package dev.bbinv.connector.poll;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread pool per profile, made on first use: a credential that waits (its budget spent, a long Retry-After) holds
 * only its own profile's threads, never another profile's reads. A profile between scans, or gone, keeps no threads.
 */
final class ProfilePools {
    private static final long IDLE_THREAD_SECONDS = 60;
    private final String purpose;
    private final int threads;
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();

    /** @param purpose names the threads: {@code bbinv-<purpose>-<profile>-<n>} */
    ProfilePools(String purpose, int threads) {
        this.purpose = purpose;
        this.threads = threads;
    }

    ExecutorService of(String profile) {
        return pools.computeIfAbsent(profile, name -> {
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread thread = new Thread(task, "bbinv-" + purpose + "-" + name + "-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    void shutdownNow() {
        pools.values().forEach(ExecutorService::shutdownNow);
    }
}
