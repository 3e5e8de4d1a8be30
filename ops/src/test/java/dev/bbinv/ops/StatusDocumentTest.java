package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatusDocumentTest {
    private final PipelineStatus status = new PipelineStatus(Instant.parse("2026-11-28T15:00:00Z"),
            List.of(new PipelineStatus.TopicCount("inventory.repositories", 3, 42),
                    new PipelineStatus.TopicCount("inventory.dlq", 1, 2)),
            List.of(new PipelineStatus.RoleLag("enricher", "bbinv-enricher", 5L),
                    new PipelineStatus.RoleLag("sink", "bbinv-sink", null)),
            2);

    @Test
    void jsonTreeHoldsTopicsLagsAndDlqSize() {
        Map<String, Object> doc = StatusDocument.pipeline(status);
        assertEquals("2026-11-28T15:00:00Z", doc.get("readAt"));
        assertEquals(2L, doc.get("dlqRecords"));
        List<?> topics = (List<?>) doc.get("topics");
        assertEquals(Map.of("topic", "inventory.repositories", "partitions", 3, "records", 42L), topics.get(0));
        List<?> lags = (List<?>) doc.get("consumerLag");
        assertEquals(5L, ((Map<?, ?>) lags.get(0)).get("lag"));
        assertTrue(((Map<?, ?>) lags.get(1)).containsKey("lag"), "an unknown lag is present as null");
    }
}
