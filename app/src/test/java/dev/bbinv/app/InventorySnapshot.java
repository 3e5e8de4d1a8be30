package dev.bbinv.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.db.Database;

/** The inventory database as {@code bbinv export --include-removed} writes it: asset id to its JSON. */
final class InventorySnapshot {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InventorySnapshot() {}

    static Map<String, ObjectNode> of(String jdbcUrl, Exporter.Type type) throws Exception {
        Database db = Database.of(jdbcUrl, null, null);
        {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Exporter(db).export(new Exporter.Options(type, Exporter.Format.JSONL, true), out);
            Map<String, ObjectNode> assets = new TreeMap<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    ObjectNode node = (ObjectNode) JSON.readTree(line);
                    assets.put(node.get("id").asText(), node);
                }
            }
            return assets;
        }
    }

    /** The same assets without the fields a rebuild may change: {@code lastSeen} and {@code version}. */
    static Map<String, ObjectNode> withoutLastSeenAndVersion(Map<String, ObjectNode> assets) {
        Map<String, ObjectNode> out = new TreeMap<>();
        assets.forEach((id, node) -> {
            ObjectNode copy = node.deepCopy();
            copy.remove("lastSeen");
            copy.remove("version");
            out.put(id, copy);
        });
        return out;
    }
}
