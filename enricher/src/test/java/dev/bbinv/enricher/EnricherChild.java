package dev.bbinv.enricher;

import java.util.HashMap;
import java.util.Map;

/** An enricher alone in a JVM, for a test to kill with SIGKILL: {@code key=value} settings as arguments. */
public final class EnricherChild {
    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            config.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        EnricherRole.start(config);
        Thread.currentThread().join(); // runs until killed
    }

    private EnricherChild() {}
}
