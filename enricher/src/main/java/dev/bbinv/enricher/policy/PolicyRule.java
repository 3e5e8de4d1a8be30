package dev.bbinv.enricher.policy;

import java.util.List;

import dev.bbinv.schemas.avro.AssetClass;

/**
 * One rule of the policy file: when every condition holds, set the class (null: none) and add the labels and the
 * {@code key:value} tags.
 */
public record PolicyRule(String name, List<Condition> when, AssetClass assetClass, List<String> labels,
        List<TagValue> tags) {
    public PolicyRule {
        when = List.copyOf(when);
        labels = List.copyOf(labels);
        tags = List.copyOf(tags);
    }

    /** The {@code classSource} and tag/label {@code source} of what this rule sets. */
    public String source() {
        return "policy:" + name;
    }

    /** One {@code key:value} tag. */
    public record TagValue(String key, String value) {
        /** Parses {@code key:value} (split at the first colon; key and value non-blank), null when malformed. */
        public static TagValue parse(String text) {
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String key = text.substring(0, colon).trim();
            String value = text.substring(colon + 1).trim();
            return key.isEmpty() || value.isEmpty() ? null : new TagValue(key, value);
        }
    }
}
