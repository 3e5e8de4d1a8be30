package dev.bbinv.sink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sink role alone: {@code java dev.bbinv.sink.SinkMain key=value ...}, with the keys of {@link SinkConfig}.
 * Stops on SIGTERM; the database's offsets make any stop, even SIGKILL, safe to resume from.
 */
public final class SinkMain {
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("arguments are key=value settings, got: " + arg);
                System.exit(2);
            }
            config.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        SinkRole role = SinkRole.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            role.close();
            stopped.countDown();
        }, "bbinv-sink-shutdown"));
        stopped.await();
    }

    private SinkMain() {}
}
