package dev.bbinv.enricher.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import dev.bbinv.enricher.activity.FreshnessRule;
import dev.bbinv.schemas.avro.AssetClass;

/**
 * Reads and checks the policy file ({@code policies.file}): a YAML mapping with a list of {@code rules}, each with a
 * {@code name}, {@code when} (attribute conditions, all must hold; a list of values means any of them) and
 * {@code then} ({@code class}, {@code labels}, {@code tags}). Anything wrong fails the whole file with a message that
 * names the rule and the problem, so a bad file stops the enricher at start instead of classifying by half a file.
 */
public final class PolicyFile {
    private static final Set<String> TOP_KEYS = Set.of("rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "then");
    private static final Set<String> THEN_KEYS = Set.of("class", "labels", "tags");
    private static final int MAX_BYTES = 1024 * 1024;

    private PolicyFile() {}

    public static List<PolicyRule> load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PolicyFileException("policies file " + file + " is larger than " + MAX_BYTES + " bytes", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyFileException("cannot read policies file " + file + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    /** The rules of {@code yaml}, in file order; {@code origin} names the file in messages. */
    public static List<PolicyRule> parse(String yaml, String origin) {
        Object doc;
        try {
            doc = newYaml().load(yaml);
        } catch (RuntimeException e) {
            throw new PolicyFileException("policies file " + origin + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> top = mapping(doc, "policies file " + origin + ": the document must be a mapping with 'rules'");
        unknownKeys(top, TOP_KEYS, "policies file " + origin);
        if (!(top.get("rules") instanceof List<?> rules)) {
            throw fail(origin, "'rules' must be a list of rules");
        }
        List<PolicyRule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rule(rules.get(i), i + 1, origin);
            if (!names.add(rule.name())) {
                throw fail(origin, "rule " + (i + 1) + " '" + rule.name() + "': another rule has the same name");
            }
            out.add(rule);
        }
        return List.copyOf(out);
    }

    private static PolicyRule rule(Object node, int number, String origin) {
        String where = "rule " + number;
        Map<?, ?> rule = mapping(node, "policies file " + origin + ": " + where + " must be a mapping");
        if (!(rule.get("name") instanceof String name) || name.isBlank()) {
            throw fail(origin, where + ": 'name' is required (non-empty text)");
        }
        String ruleRef = where + " '" + name + "'";
        unknownKeys(rule, RULE_KEYS, "policies file " + origin + ": " + ruleRef);
        List<Condition> when = conditions(rule.get("when"), ruleRef, origin);
        Object thenNode = rule.get("then");
        if (!(thenNode instanceof Map<?, ?> then) || then.isEmpty()) {
            throw fail(origin, ruleRef + ": 'then' is required: a mapping with class, labels and/or tags");
        }
        unknownKeys(then, THEN_KEYS, "policies file " + origin + ": " + ruleRef + " 'then'");
        AssetClass assetClass = null;
        if (then.containsKey("class")) {
            assetClass = assetClass(then.get("class"));
            if (assetClass == null) {
                throw fail(origin, ruleRef + ": class '" + then.get("class") + "' is not one of A, B, C, D");
            }
        }
        List<String> labels = new ArrayList<>();
        for (String label : texts(then.get("labels"), ruleRef + " 'labels'", origin)) {
            labels.add(label.trim());
        }
        List<PolicyRule.TagValue> tags = new ArrayList<>();
        for (String tag : texts(then.get("tags"), ruleRef + " 'tags'", origin)) {
            PolicyRule.TagValue value = PolicyRule.TagValue.parse(tag);
            if (value == null) {
                throw fail(origin, ruleRef + ": tag '" + tag + "' is not key:value (both non-empty)");
            }
            tags.add(value);
        }
        return new PolicyRule(name.trim(), when, assetClass, labels, tags);
    }

    private static List<Condition> conditions(Object node, String ruleRef, String origin) {
        if (node == null) {
            return List.of(); // no conditions: the rule applies to every repository
        }
        Map<?, ?> when = mapping(node, "policies file " + origin + ": " + ruleRef + ": 'when' must be a mapping");
        List<Condition> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : when.entrySet()) {
            Condition.Attribute attribute = Condition.Attribute.byKey(String.valueOf(e.getKey()));
            if (attribute == null) {
                throw fail(origin, ruleRef + ": unknown condition '" + e.getKey() + "' (allowed: "
                        + String.join(", ", Condition.Attribute.keys()) + ")");
            }
            List<String> values = new ArrayList<>();
            for (String v : texts(e.getValue(), ruleRef + " condition '" + attribute.key() + "'", origin)) {
                values.add(value(attribute, v, ruleRef, origin));
            }
            if (values.isEmpty()) {
                throw fail(origin, ruleRef + ": condition '" + attribute.key() + "' has no value");
            }
            out.add(Condition.of(attribute, values));
        }
        return out;
    }

    private static String value(Condition.Attribute attribute, String v, String ruleRef, String origin) {
        if (attribute == Condition.Attribute.FRESHNESS) {
            return FreshnessRule.label(FreshnessRule.parse(v).orElseThrow(() -> fail(origin, ruleRef
                    + ": freshness '" + v + "' is not one of Active, Inactive, Dormant, N/A")));
        }
        Set<String> vocabulary = Condition.vocabulary(attribute);
        if (vocabulary != null && !vocabulary.contains(Condition.normalise(attribute, v))) {
            throw fail(origin, ruleRef + ": " + attribute.key() + " '" + v + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(vocabulary)));
        }
        return v.trim();
    }

    /** A scalar or a list of scalars as text; none when absent. */
    private static List<String> texts(Object node, String what, String origin) {
        if (node == null) {
            return List.of();
        }
        List<?> items = node instanceof List<?> list ? list : List.of(node);
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map<?, ?> || item instanceof List<?> || item.toString().isBlank()) {
                throw fail(origin, what + ": '" + item + "' is not a value (text, or a list of texts)");
            }
            out.add(item.toString());
        }
        return out;
    }

    private static AssetClass assetClass(Object node) {
        if (!(node instanceof String text)) {
            return null;
        }
        for (AssetClass c : AssetClass.values()) {
            if (c.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    private static Map<?, ?> mapping(Object node, String message) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new PolicyFileException(message, null);
        }
        return map;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> allowed, String where) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new PolicyFileException(where + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")", null);
            }
        }
    }

    private static PolicyFileException fail(String origin, String problem) {
        return new PolicyFileException("policies file " + origin + ": " + problem, null);
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(MAX_BYTES);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
    }
}
