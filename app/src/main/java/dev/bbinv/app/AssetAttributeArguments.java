package dev.bbinv.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Pure: the checks and set arithmetic of {@code bbinv class} and {@code bbinv tags add|remove}. No I/O. */
final class AssetAttributeArguments {
    private AssetAttributeArguments() {}

    /** A, B, C or D in either case, as the upper-case letter; anything else is an error saying what is allowed. */
    static String assetClass(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!v.matches("[ABCD]")) {
            throw new IllegalArgumentException("class must be A, B, C or D (A most critical), got '" + value + "'");
        }
        return v;
    }

    /**
     * A {@code key:value} tag with the spaces around key and value removed; the key is what comes before the first
     * ':' (so a value may hold ':', a key never does), and neither may be empty.
     */
    static String tag(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("tag '" + value + "' must be key:value, e.g. platform:aws");
        }
        String key = value.substring(0, colon).strip();
        String tagValue = value.substring(colon + 1).strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("tag '" + value + "' has an empty key: it must be key:value, e.g. platform:aws");
        }
        if (tagValue.isEmpty()) {
            throw new IllegalArgumentException("tag '" + value + "' has an empty value: it must be key:value, e.g. platform:aws");
        }
        return key + ":" + tagValue;
    }

    /** Every tag checked, or the first error; nothing is published unless all are good. */
    static List<String> tags(List<String> values) {
        return values.stream().map(AssetAttributeArguments::tag).toList();
    }

    /** The current set with these tags added at the end, each once, in order. */
    static List<String> added(List<String> current, List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>(current);
        out.addAll(tags);
        return new ArrayList<>(out);
    }

    /** The current set without these tags. */
    static List<String> removed(List<String> current, List<String> tags) {
        List<String> out = new ArrayList<>(current);
        out.removeAll(tags);
        return out;
    }
}
