package dev.bbinv.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link PipelineStatus} into the {@code pipeline} part of the JSON of {@code /status} and {@code bbinv status --json}. */
public final class StatusDocument {
    private StatusDocument() {}

    public static Map<String, Object> pipeline(PipelineStatus s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("readAt", s.readAt().toString());
        List<Map<String, Object>> topics = new ArrayList<>();
        for (PipelineStatus.TopicCount t : s.topics()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", t.topic());
            m.put("partitions", t.partitions());
            m.put("records", t.records());
            topics.add(m);
        }
        doc.put("topics", topics);
        List<Map<String, Object>> roles = new ArrayList<>();
        for (PipelineStatus.RoleLag r : s.roles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", r.role());
            m.put("group", r.groupId());
            m.put("lag", r.lag());
            roles.add(m);
        }
        doc.put("consumerLag", roles);
        doc.put("dlqRecords", s.dlqRecords());
        return doc;
    }
}
