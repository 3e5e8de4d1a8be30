package dev.bbinv.enricher.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dot path into a catalog entity, such as {@code spec.owner} or {@code metadata.annotations."acme.com/owner"}:
 * segments are separated by dots, and a segment in double quotes may contain dots ({@code \"} and {@code \\}
 * escape inside quotes).
 */
public record AttributePath(String text, List<String> segments) {

    public AttributePath {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException naming the path and what is wrong with it */
    public static AttributePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an attribute path must not be empty");
        }
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean segmentWasQuoted = false;
        String path = text.trim();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < path.length()) {
                    current.append(path.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                if (current.length() > 0 || segmentWasQuoted) {
                    throw new IllegalArgumentException("attribute path '" + text + "': a quote may only open a segment");
                }
                quoted = true;
                segmentWasQuoted = true;
            } else if (c == '.') {
                addSegment(text, segments, current, segmentWasQuoted);
                current.setLength(0);
                segmentWasQuoted = false;
            } else {
                if (segmentWasQuoted) {
                    throw new IllegalArgumentException("attribute path '" + text + "': text after a closing quote");
                }
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("attribute path '" + text + "' has an unclosed quote");
        }
        addSegment(text, segments, current, segmentWasQuoted);
        return new AttributePath(text, segments);
    }

    /** The value at this path in a parsed YAML mapping, or null when any step is missing or not a mapping. */
    public Object lookup(Object root) {
        Object at = root;
        for (String segment : segments) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(segment);
        }
        return at;
    }

    private static void addSegment(String text, List<String> segments, StringBuilder current, boolean quoted) {
        if (current.length() == 0 && !quoted) {
            throw new IllegalArgumentException("attribute path '" + text + "' has an empty segment");
        }
        segments.add(current.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
