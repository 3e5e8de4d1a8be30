package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The command line's usage errors: every command exits non-zero (2) on one, before anything starts. */
class MainTest {

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(2, CliRun.of("rebiuld").exit(), "a misspelt command");
    }

    @Test
    void anUnknownOptionOrABadDurationIsAUsageErrorOfEveryCommand() {
        assertEquals(2, CliRun.of("run", "--profiles", "p.yaml", "--bogus").exit());
        assertEquals(2, CliRun.of("demo", "--once", "--once-wait", "soon").exit());
        assertEquals(2, CliRun.of("export", "extra-argument").exit());
        assertEquals(2, CliRun.of("run").exit(), "--profiles is required");
    }

    @Test
    void durationsReadAsTyped() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
        assertEquals("4s", Durations.format(Duration.ofSeconds(4)));
        assertEquals("30m", Durations.format(Duration.ofMinutes(30)));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("'-1s' is not a duration: use e.g. 500ms, 90s, 30m, 2h",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s")).getMessage());
    }
}
