package dev.bbinv.connector.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Reads a profile's optional {@code schedule} mapping: its own poll and complete-scan intervals, in milliseconds. */
final class ScheduleSection {
    private static final Set<String> SCHEDULE_KEYS = Set.of("pollIntervalMs", "fullScanIntervalMs");

    /** The profile's intervals; a null one is the connector's setting. */
    record Schedule(Duration pollInterval, Duration fullScanInterval) {}

    private ScheduleSection() {}

    static Schedule read(ProfileValues in) {
        Object value = in.profile().get("schedule");
        if (value == null) {
            return new Schedule(null, null);
        }
        if (!(value instanceof Map<?, ?> schedule)) {
            in.problem("schedule", "expected a mapping");
            return new Schedule(null, null);
        }
        in.unknownKeys(schedule, SCHEDULE_KEYS, "schedule.");
        return new Schedule(millis(in, schedule, "pollIntervalMs"), millis(in, schedule, "fullScanIntervalMs"));
    }

    private static Duration millis(ProfileValues in, Map<?, ?> schedule, String key) {
        Object value = schedule.get(key);
        if (value == null) {
            return null;
        }
        String text = in.substitute(String.valueOf(value), "schedule." + key);
        try {
            long ms = Long.parseLong(text == null ? "" : text.trim());
            if (ms >= 100) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        in.problem("schedule." + key, "'" + value + "' must be a whole number of milliseconds, at least 100");
        return null;
    }
}
