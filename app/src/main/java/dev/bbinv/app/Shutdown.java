package dev.bbinv.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a command started exactly once, in reverse order, whether the command ends by itself or by Ctrl-C:
 * the JVM's shutdown hook runs the same stop and waits for it, so the broker and database close cleanly.
 */
final class Shutdown implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final Deque<Runnable> steps = new ArrayDeque<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch signal = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "bbinv-shutdown");

    Shutdown() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void onStop(Runnable step) {
        steps.push(step);
    }

    /** Blocks until Ctrl-C (SIGINT/SIGTERM). */
    void awaitSignal() throws InterruptedException {
        signal.await();
    }

    private void onSignal() {
        signal.countDown();
        run();
    }

    @Override
    public void run() {
        if (!stopped.compareAndSet(false, true)) {
            awaitDone();
            return;
        }
        try {
            Runnable step;
            while ((step = next()) != null) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.warn("A step of the shutdown failed: {}", e.toString());
                }
            }
        } finally {
            done.countDown();
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running or ran; nothing to remove.
            }
        }
    }

    private synchronized Runnable next() {
        return steps.poll();
    }

    private void awaitDone() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
