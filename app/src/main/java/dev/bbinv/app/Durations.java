package dev.bbinv.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;

/** Durations as a person types them on the command line: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h} or ISO-8601. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String text) {
        String value = text.trim();
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            Duration iso = Duration.parse(value);
            if (!iso.isNegative()) {
                return iso;
            }
        } catch (DateTimeParseException notIso) {
            // reported below with the forms we accept
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 500ms, 90s, 30m, 2h");
    }

    /** The shortest of {@code 2h}, {@code 30m}, {@code 90s}, {@code 500ms} that says {@code d} exactly. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** picocli's converter: a bad value is a usage error naming the option and the value. */
    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }
}
