package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StatusTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersProfilesAndThePipeline() {
        Map<String, Object> failing = new LinkedHashMap<>();
        failing.put("profile", "acme-dc");
        failing.put("state", "Connection failed");
        failing.put("reason", "401 Unauthorized");
        failing.put("firstSyncCompletedAt", null);
        failing.put("lastError", "401 Unauthorized");
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("profile", "acme-cloud");
        ok.put("state", "Connected");
        ok.put("firstSyncCompletedAt", "2026-11-28T15:00:00Z");
        ok.put("repositories", 12);
        ok.put("users", 3);
        ok.put("removed", 1);
        ok.put("scanning", false);
        ok.put("lastCompleteScanAt", "2026-11-28T14:00:00Z");
        ok.put("nextCompleteScanAt", "2026-11-29T14:00:00Z");
        ok.put("nextScanAt", "2026-11-28T15:05:00Z");
        ok.put("lastError", "acme (repositories): rate-limited");
        ok.put("lastErrorAt", "2026-11-28T14:30:00Z");
        PipelineStatus pipeline = new PipelineStatus(Instant.parse("2026-11-28T15:01:00Z"),
                List.of(new PipelineStatus.TopicCount("inventory.repositories", 3, 42)),
                List.of(new PipelineStatus.RoleLag("enricher", "bbinv-enricher", 5L),
                        new PipelineStatus.RoleLag("sink", "bbinv-sink", null)), 2);
        JsonNode doc = JSON.valueToTree(Map.of("profiles", List.of(failing, ok),
                "pipeline", StatusDocument.pipeline(pipeline)));

        String text = StatusText.render(doc);

        assertTrue(text.contains("acme-dc: Connection failed: 401 Unauthorized\n"), text);
        assertTrue(text.contains("first sync done: not yet"), text);
        assertTrue(text.contains("acme-cloud: Connected"), text);
        assertTrue(text.contains("repositories: 12, users: 3, removed: 1"), text);
        assertTrue(text.contains("last complete scan: 2026-11-28T14:00:00Z, next: 2026-11-29T14:00:00Z"), text);
        assertTrue(text.contains("next scan: 2026-11-28T15:05:00Z"), text);
        assertTrue(text.contains("last error: acme (repositories): rate-limited (at 2026-11-28T14:30:00Z)"), text);
        assertTrue(text.contains("inventory.repositories  42 record(s) in 3 partition(s)"), text);
        assertTrue(text.contains("enricher (group bbinv-enricher): 5 record(s) behind"), text);
        assertTrue(text.contains("sink (group bbinv-sink): no committed offsets yet"), text);
        assertTrue(text.contains("dead letter queue: 2 record(s)"), text);
    }

    @Test
    void saysWhySectionsAreMissing() {
        JsonNode doc = JSON.valueToTree(Map.of("profilesUnavailable", "no running bbinv process found",
                "pipelineUnavailable", "cannot reach Kafka"));
        String text = StatusText.render(doc);
        assertTrue(text.contains("Profiles: no running bbinv process found"), text);
        assertTrue(text.contains("Pipeline: cannot reach Kafka"), text);
    }

    @Test
    void saysWhichListingADataCenterProfileTakesItsUsersFrom() {
        Map<String, Object> dc = new LinkedHashMap<>();
        dc.put("profile", "acme-dc");
        dc.put("state", "Connected");
        dc.put("userListing", "/rest/api/1.0/users, because /rest/api/1.0/admin/users answered 404");
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("profile", "acme-cloud");
        cloud.put("state", "Connected");
        String text = StatusText.render(JSON.valueToTree(Map.of("profiles", List.of(dc, cloud))));
        assertTrue(text.contains("acme-dc: Connected\n    first sync done: not yet\n    users listed by: /rest/api/1.0/users,"
                + " because /rest/api/1.0/admin/users answered 404\n"), text);
        assertTrue(text.indexOf("users listed by") == text.lastIndexOf("users listed by"), "none for Cloud: " + text);
    }

    @Test
    void saysHowEachScopeFoundItsCatalogFiles() {
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("profile", "acme-cloud");
        cloud.put("state", "Connected");
        cloud.put("catalogDiscovery", "acme: search (2 page(s), 130 file(s)); beta: probes (search unavailable: 404)");
        String text = StatusText.render(JSON.valueToTree(Map.of("profiles", List.of(cloud))));
        assertTrue(text.contains("    catalog discovery: acme: search (2 page(s), 130 file(s)); beta: probes (search"
                + " unavailable: 404)\n"), text);
    }
}
