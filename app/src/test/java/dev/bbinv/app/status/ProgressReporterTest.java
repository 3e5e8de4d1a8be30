package dev.bbinv.app.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.bbinv.testkit.Await;

class ProgressReporterTest {

    @Test
    void rewritesTheLineInPlaceOnATerminalAndEndsItWhenClosed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger ticks = new AtomicInteger();

        try (ProgressReporter reporter = ProgressReporter.start(() -> {
            int n = ticks.incrementAndGet();
            if (n == 2) {
                throw new IllegalStateException("Kafka slow");
            }
            return "step " + n;
        }, terminal, Duration.ofMillis(20))) {
            Await.until(Duration.ofSeconds(10), "three ticks", () -> ticks.get() >= 3);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.startsWith("\rstep 1\u001b[K\rstep 3\u001b[K"), "a failed tick prints nothing: " + out);
        assertTrue(out.endsWith("\u001b[K" + System.lineSeparator()), "closing ends the line: " + out);
    }
}
