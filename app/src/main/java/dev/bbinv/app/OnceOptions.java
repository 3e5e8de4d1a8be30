package dev.bbinv.app;

import java.time.Duration;

import picocli.CommandLine.Option;

/** {@code --once} and how long it may wait for scopes that have not ended, shared by {@code run} and {@code demo}. */
final class OnceOptions {
    static final String DEFAULT_WAIT = "30m";

    @Option(names = "--once", description = "Exit after every scope of every profile had one scan that ended, with a "
            + "per-scope summary; the exit code says how it went (see README.md, Exit codes).")
    boolean once;

    @Option(names = "--once-wait", paramLabel = "DURATION", defaultValue = DEFAULT_WAIT,
            converter = Durations.Converter.class,
            description = "With --once: how long to wait for scopes that have not ended (rate-limited, waiting for the "
                    + "request budget, still scanning) before ending the run with exit code 4; e.g. 90s, 30m, 2h "
                    + "(default: ${DEFAULT-VALUE}). Without --once: how long to wait before printing the first summary.")
    Duration wait;
}
