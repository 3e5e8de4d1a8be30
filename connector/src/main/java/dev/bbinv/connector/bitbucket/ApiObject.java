package dev.bbinv.connector.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;

/** One object of a Bitbucket response: the parsed tree, and its JSON text as Bitbucket sent it (re-serialised compactly). */
public record ApiObject(JsonNode node, String json) {
    public static ApiObject of(JsonNode node) {
        return new ApiObject(node, node.toString());
    }

    /** The text of a field, or null when it is missing, null or not a scalar. */
    public String text(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
