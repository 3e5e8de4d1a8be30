package dev.bbinv.enricher.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.bbinv.enricher.activity.FreshnessRule;
import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.RepositoryAsset;

/**
 * One attribute condition of a policy rule: the attribute holds when any of its values is any of the accepted ones.
 * Text compares case-insensitively, with {@code *} and {@code ?} as wildcards. Pure.
 */
public record Condition(Attribute attribute, List<String> accepted, List<Pattern> patterns) {

    /** The attributes a rule can test, by the name the policy file uses. */
    public enum Attribute {
        NAME("name", a -> List.of(a.getName())),
        VISIBILITY("visibility", a -> List.of(a.getVisibility().name())),
        ARCHIVED("archived", a -> List.of(Boolean.toString(a.getArchived()))),
        LANGUAGES("languages", a -> a.getLanguages().stream().map(AssetLanguage::getName).toList()),
        OWNER("owner", a -> app(a, AppContext::getOwner)),
        APPLICATION("application", a -> app(a, AppContext::getApplication)),
        LIFECYCLE("lifecycle", a -> app(a, AppContext::getLifecycle)),
        CATEGORY("category", a -> app(a, AppContext::getCategory)),
        FRESHNESS("freshness", a -> List.of(FreshnessRule.label(a.getFreshness()))),
        PROFILE("profile", RepositoryAsset::getProfiles),
        WORKSPACE("workspace", a -> List.of(a.getSource().getScopeKey())),
        PROJECT("project", a -> a.getSource().getProjectKey() == null ? List.of() : List.of(a.getSource().getProjectKey()));

        final String key;
        final Function<RepositoryAsset, List<String>> values;

        Attribute(String key, Function<RepositoryAsset, List<String>> values) {
            this.key = key;
            this.values = values;
        }

        public String key() {
            return key;
        }

        static Attribute byKey(String key) {
            for (Attribute a : values()) {
                if (a.key.equals(key)) {
                    return a;
                }
            }
            return null;
        }

        static List<String> keys() {
            return java.util.Arrays.stream(values()).map(a -> a.key).toList();
        }

        private static List<String> app(RepositoryAsset a, Function<AppContext, String> field) {
            AppContext c = a.getAppContext();
            String v = c == null ? null : field.apply(c);
            return v == null ? List.of() : List.of(v);
        }
    }

    static Condition of(Attribute attribute, List<String> accepted) {
        List<Pattern> patterns = new ArrayList<>();
        for (String v : accepted) {
            patterns.add(glob(v));
        }
        return new Condition(attribute, List.copyOf(accepted), List.copyOf(patterns));
    }

    public boolean holds(RepositoryAsset asset) {
        for (String value : attribute.values.apply(asset)) {
            for (Pattern p : patterns) {
                if (value != null && p.matcher(value).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Values with a fixed vocabulary, for the file check; null when any text is allowed. */
    static Set<String> vocabulary(Attribute attribute) {
        return switch (attribute) {
            case VISIBILITY -> Set.of("public", "private");
            case ARCHIVED -> Set.of("true", "false");
            case FRESHNESS -> Set.of("active", "inactive", "dormant", "n/a");
            default -> null;
        };
    }

    private static Pattern glob(String text) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    static String normalise(Attribute attribute, String value) {
        return vocabulary(attribute) == null ? value : value.trim().toLowerCase(Locale.ROOT);
    }
}
