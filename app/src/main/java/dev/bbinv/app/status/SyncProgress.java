package dev.bbinv.app.status;

import java.time.Duration;

import dev.bbinv.ops.PipelineStatus;
import dev.bbinv.schemas.Topics;

/**
 * One line on how far the first sync has come through the pipeline: raw events published, assets produced, records
 * in the database with their rate, and each role's lag. Pure; {@link ProgressReporter} prints it.
 */
public final class SyncProgress {
    private SyncProgress() {}

    /**
     * @param status          the pipeline as read now
     * @param recordsApplied  records the sink has written to the database since it started
     * @param elapsed         time since the sync started
     */
    public static String line(PipelineStatus status, long recordsApplied, Duration elapsed) {
        long raw = records(status, Topics.RAW_REPOSITORIES_TOPIC.name()) + records(status, Topics.RAW_USERS_TOPIC.name());
        long assets = Topics.INVENTORY_TOPICS.stream().mapToLong(t -> records(status, t.name())).sum();
        long seconds = Math.max(1, elapsed.toSeconds());
        StringBuilder b = new StringBuilder("Syncing: ")
                .append(raw).append(" raw event(s), ")
                .append(assets).append(" asset record(s), ")
                .append(recordsApplied).append(" written to the database (")
                .append(recordsApplied / seconds).append("/s)");
        for (PipelineStatus.RoleLag r : status.roles()) {
            b.append(", ").append(r.role()).append(" lag ").append(r.known() ? String.valueOf(r.lag()) : "-");
        }
        return b.append(", ").append(elapsed.toSeconds()).append(" s").toString();
    }

    private static long records(PipelineStatus status, String topic) {
        return status.topics().stream().filter(t -> t.topic().equals(topic))
                .mapToLong(PipelineStatus.TopicCount::records).sum();
    }
}
