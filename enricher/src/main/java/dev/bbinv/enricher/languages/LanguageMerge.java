package dev.bbinv.enricher.languages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.LanguageSource;

/**
 * Decides the languages of a repository from Bitbucket Cloud's {@code language} field and the manual tags of
 * {@code inventory.language-tags}. Manual tags, when set, replace the Bitbucket value (as in Snyk, where a manual tag
 * overrides what the integration found); clearing them brings the Bitbucket value back. Pure.
 */
public final class LanguageMerge {

    private LanguageMerge() {}

    /**
     * @param bitbucketLanguage Cloud's {@code language}; null or blank means none (DC never has one)
     * @param manualTags        the current manual tags; empty means none are set
     */
    public static List<AssetLanguage> merge(String bitbucketLanguage, List<String> manualTags, LanguageTable table) {
        List<String> manual = manualTags == null ? List.of() : manualTags;
        List<AssetLanguage> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (!manual.stream().allMatch(t -> t == null || t.isBlank())) {
            for (String tag : manual) {
                addIfNew(out, seen, tag, LanguageSource.MANUAL, table);
            }
            return out;
        }
        addIfNew(out, seen, bitbucketLanguage, LanguageSource.BITBUCKET, table);
        return out;
    }

    /** One language value as an asset language: canonical name when the table knows it, else the value as given. */
    public static AssetLanguage canonicalise(String raw, LanguageSource source, LanguageTable table) {
        String trimmed = raw.trim();
        return table.canonical(trimmed)
                .map(name -> new AssetLanguage(name, raw, source, true))
                .orElseGet(() -> new AssetLanguage(trimmed, raw, source, false));
    }

    private static void addIfNew(List<AssetLanguage> out, Set<String> seen, String raw, LanguageSource source,
            LanguageTable table) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        AssetLanguage language = canonicalise(raw, source, table);
        // "java" and "Java" tagged together are one language.
        if (seen.add(LanguageTable.key(language.getName()))) {
            out.add(language);
        }
    }
}
