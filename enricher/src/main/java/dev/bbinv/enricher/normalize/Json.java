package dev.bbinv.enricher.normalize;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Defensive reads from Bitbucket JSON: a missing or wrongly typed field is null, never an exception. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses {@code json} as one object; anything else is an {@link InvalidRawEventException} naming {@code what}. */
    static JsonNode object(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new InvalidRawEventException(what + " event has no JSON body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; keep only its first line, which names the position.
            String first = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidRawEventException(what + " JSON does not parse: " + first, e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRawEventException(what + " JSON is not an object but "
                    + (node == null ? "empty" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return node;
    }

    /** The text at {@code path}; null when absent, null or not a string (numbers are given as text). */
    static String text(JsonNode node, String... path) {
        JsonNode at = at(node, path);
        if (at == null || at.isNull() || at.isContainerNode()) {
            return null;
        }
        return at.asText();
    }

    static Boolean bool(JsonNode node, String... path) {
        JsonNode at = at(node, path);
        return at != null && at.isBoolean() ? at.booleanValue() : null;
    }

    static Long integer(JsonNode node, String... path) {
        JsonNode at = at(node, path);
        if (at == null) {
            return null;
        }
        if (at.isIntegralNumber()) {
            return at.longValue();
        }
        if (at.isTextual()) {
            try {
                return Long.parseLong(at.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** An ISO-8601 date-time with offset (Cloud's {@code created_on}); null when absent or unparseable. */
    static Instant instant(JsonNode node, String... path) {
        String text = text(node, path);
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant common = IsoTimestamps.parseCommonForm(text.trim());
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode at = node;
        for (String segment : path) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(segment);
        }
        return at;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
