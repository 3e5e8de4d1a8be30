package dev.bbinv.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.ops.PipelineStatus;

class SyncProgressTest {
    @Test
    void sumsRawAndAssetTopicsAndShowsTheDatabaseRateAndLags() {
        PipelineStatus status = new PipelineStatus(Instant.EPOCH, List.of(
                new PipelineStatus.TopicCount("bitbucket.raw.repositories", 3, 100),
                new PipelineStatus.TopicCount("bitbucket.raw.users", 3, 20),
                new PipelineStatus.TopicCount("inventory.repositories", 3, 90),
                new PipelineStatus.TopicCount("inventory.users", 3, 10),
                new PipelineStatus.TopicCount("inventory.dlq", 1, 5)),
                List.of(new PipelineStatus.RoleLag("enricher", "e", 20L), new PipelineStatus.RoleLag("sink", "s", null)),
                5);

        assertEquals("Syncing: 120 raw event(s), 100 asset record(s), 80 written to the database (8/s), "
                        + "enricher lag 20, sink lag -, 10 s",
                SyncProgress.line(status, 80, Duration.ofSeconds(10)));
    }
}
