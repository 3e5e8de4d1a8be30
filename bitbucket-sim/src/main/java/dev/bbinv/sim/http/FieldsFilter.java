package dev.bbinv.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies Cloud's {@code fields=} partial-response parameter to a rendered response; pure.
 * A bare list keeps only those paths; {@code -path} drops, {@code +path} adds back; {@code *} matches any key
 * on one level. Entries apply left to right, so {@code -*,+next} keeps only {@code next}. Paths traverse arrays.
 */
final class FieldsFilter {
    private FieldsFilter() {
    }

    static JsonNode apply(JsonNode source, String fields) {
        if (fields == null || fields.isBlank() || !source.isObject()) {
            return source;
        }
        List<String> entries = new ArrayList<>();
        for (String e : fields.split(",")) {
            if (!e.isBlank()) {
                entries.add(e.trim());
            }
        }
        boolean anyBare = entries.stream().anyMatch(e -> !e.startsWith("+") && !e.startsWith("-"));
        JsonNode result = anyBare ? JsonNodeFactory.instance.objectNode() : source.deepCopy();
        for (String e : entries) {
            if (e.startsWith("-")) {
                remove(result, e.substring(1).split("\\."), 0);
            } else {
                copy(source, result, (e.startsWith("+") ? e.substring(1) : e).split("\\."), 0);
            }
        }
        return result;
    }

    private static void copy(JsonNode src, JsonNode dst, String[] path, int i) {
        if (src.isArray()) {
            ArrayNode out = (ArrayNode) dst;
            for (int j = 0; j < src.size(); j++) {
                JsonNode element = src.get(j);
                if (out.size() <= j) {
                    out.add(element.isObject() ? JsonNodeFactory.instance.objectNode()
                            : element.isArray() ? JsonNodeFactory.instance.arrayNode() : element.deepCopy());
                }
                if (element.isContainerNode()) {
                    copy(element, out.get(j), path, i);
                }
            }
            return;
        }
        if (!src.isObject() || !dst.isObject()) {
            return;
        }
        ObjectNode out = (ObjectNode) dst;
        List<String> names = new ArrayList<>();
        if (path[i].equals("*")) {
            src.fieldNames().forEachRemaining(names::add);
        } else {
            names.add(path[i]);
        }
        for (String name : names) {
            JsonNode value = src.get(name);
            if (value == null) {
                continue;
            }
            if (i == path.length - 1) {
                out.set(name, value.deepCopy());
            } else if (value.isContainerNode()) {
                JsonNode child = out.get(name);
                if (child == null || child.getNodeType() != value.getNodeType()) {
                    child = value.isObject() ? JsonNodeFactory.instance.objectNode()
                            : JsonNodeFactory.instance.arrayNode();
                    out.set(name, child);
                }
                copy(value, child, path, i + 1);
            }
        }
    }

    private static void remove(JsonNode node, String[] path, int i) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                remove(element, path, i);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode obj = (ObjectNode) node;
        if (i == path.length - 1) {
            if (path[i].equals("*")) {
                obj.removeAll();
            } else {
                obj.remove(path[i]);
            }
            return;
        }
        List<String> names = new ArrayList<>();
        if (path[i].equals("*")) {
            obj.fieldNames().forEachRemaining(names::add);
        } else {
            names.add(path[i]);
        }
        for (String name : names) {
            JsonNode child = obj.get(name);
            if (child != null) {
                remove(child, path, i + 1);
            }
        }
    }
}
