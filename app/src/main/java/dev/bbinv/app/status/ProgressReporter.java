package dev.bbinv.app.status;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a progress line at a steady interval until closed: rewritten in place on a terminal, as a plain log line
 * otherwise (so that files and CI logs get one line per interval, not a stream of carriage returns).
 */
public final class ProgressReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final ScheduledExecutorService timer;
    private final PrintStream terminal;
    private volatile boolean printed;

    private ProgressReporter(ScheduledExecutorService timer, PrintStream terminal) {
        this.timer = timer;
        this.terminal = terminal;
    }

    /**
     * @param line     builds the line; a failure skips that tick (logged at debug)
     * @param terminal where to rewrite the line in place, or {@code null} to log it instead
     */
    public static ProgressReporter start(Supplier<String> line, PrintStream terminal, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bbinv-progress");
            t.setDaemon(true);
            return t;
        });
        ProgressReporter reporter = new ProgressReporter(timer, terminal);
        timer.scheduleAtFixedRate(reporter.tick(line), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return reporter;
    }

    private Runnable tick(Supplier<String> line) {
        return () -> {
            String text;
            try {
                text = line.get();
            } catch (RuntimeException e) {
                LOG.debug("No progress line this time: {}", e.toString());
                return;
            }
            if (terminal == null) {
                LOG.info("{}", text);
            } else {
                // Carriage return and erase-to-end-of-line: the line updates in place.
                terminal.print("\r" + text + "\u001b[K");
                terminal.flush();
                printed = true;
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal != null && printed) {
            terminal.println();
        }
    }
}
