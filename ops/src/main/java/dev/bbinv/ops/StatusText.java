package dev.bbinv.ops;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders the {@code /status} JSON document as the lines {@code bbinv status} prints: each profile, then the
 * pipeline's topics, consumer lags and DLQ size. Pure; a missing section is said to be unavailable.
 */
public final class StatusText {
    private StatusText() {}

    public static String render(JsonNode doc) {
        StringBuilder b = new StringBuilder();
        JsonNode profiles = doc.path("profiles");
        if (profiles.isArray()) {
            b.append("Profiles");
            if (doc.hasNonNull("profilesConnected")) {
                b.append(" (").append(doc.path("profilesConnected").asText()).append(" profiles connected)");
            }
            b.append('\n');
            if (profiles.isEmpty()) {
                b.append("  (none)\n");
            }
            for (JsonNode p : profiles) {
                b.append("  ").append(p.path("profile").asText()).append(": ").append(p.path("state").asText());
                if (p.hasNonNull("reason") && "Connection failed".equals(p.path("state").asText())) {
                    // Snyk's words: "Connection failed: <reason>, retrying at <time>"
                    b.append(": ").append(p.path("reason").asText());
                } else if (p.hasNonNull("reason")) {
                    b.append(" (").append(p.path("reason").asText()).append(')');
                }
                b.append('\n');
                b.append("    first sync done: ").append(textOr(p.path("firstSyncCompletedAt"), "not yet")).append('\n');
                if (p.has("lastCompleteScanAt")) {
                    b.append("    last complete scan: ").append(textOr(p.path("lastCompleteScanAt"), "none yet"))
                            .append(", next: ").append(textOr(p.path("nextCompleteScanAt"), "not scheduled")).append('\n');
                    b.append("    next scan: ").append(p.path("scanning").asBoolean() ? "running now"
                            : textOr(p.path("nextScanAt"), "not scheduled")).append('\n');
                }
                if (p.has("repositories")) {
                    b.append("    repositories: ").append(p.path("repositories").asLong())
                            .append(", users: ").append(p.path("users").asLong())
                            .append(", removed: ").append(p.path("removed").asLong()).append('\n');
                }
                if (p.hasNonNull("userListing")) {
                    b.append("    users listed by: ").append(p.path("userListing").asText()).append('\n');
                }
                if (p.hasNonNull("catalogDiscovery")) {
                    b.append("    catalog discovery: ").append(p.path("catalogDiscovery").asText()).append('\n');
                }
                b.append("    last error: ").append(textOr(p.path("lastError"), "none"));
                if (p.hasNonNull("lastErrorAt")) {
                    b.append(" (at ").append(p.path("lastErrorAt").asText()).append(')');
                }
                b.append('\n');
            }
        } else {
            b.append("Profiles: ").append(textOr(doc.path("profilesUnavailable"), "not available")).append('\n');
        }
        JsonNode pipeline = doc.path("pipeline");
        if (!pipeline.isObject()) {
            b.append("Pipeline: ").append(textOr(doc.path("pipelineUnavailable"), "not available")).append('\n');
            return b.toString();
        }
        b.append("Pipeline (read at ").append(pipeline.path("readAt").asText()).append(")\n");
        b.append("  topics:\n");
        int width = 0;
        for (JsonNode t : pipeline.path("topics")) {
            width = Math.max(width, t.path("topic").asText().length());
        }
        for (JsonNode t : pipeline.path("topics")) {
            String name = t.path("topic").asText();
            b.append("    ").append(name).append(" ".repeat(width - name.length())).append("  ")
                    .append(t.path("records").asLong()).append(" record(s) in ")
                    .append(t.path("partitions").asInt()).append(" partition(s)\n");
        }
        b.append("  consumer lag:\n");
        for (JsonNode r : pipeline.path("consumerLag")) {
            b.append("    ").append(r.path("role").asText()).append(" (group ").append(r.path("group").asText())
                    .append("): ").append(r.path("lag").isNumber() ? r.path("lag").asLong() + " record(s) behind"
                            : "no committed offsets yet").append('\n');
        }
        b.append("  dead letter queue: ").append(pipeline.path("dlqRecords").asLong()).append(" record(s)\n");
        return b.toString();
    }

    private static String textOr(JsonNode node, String otherwise) {
        return node.isMissingNode() || node.isNull() ? otherwise : node.asText();
    }
}
