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
 * overrides what the integration found); clearing them brings the Bitbucket value back. A Bitbucket value is read in
 * Bitbucket's vocabulary first ({@link BitbucketLanguages}: {@code nodejs} is JavaScript, {@code html/css} is HTML
 * and CSS), manual tags in Linguist's. Pure.
 */
public final class LanguageMerge {

    private LanguageMerge() {}

    /**
     * @param bitbucketLanguage Cloud's {@code language}; null or blank means none (DC never has one)
     * @param manualTags        the current manual tags; empty means none are set
     */
    public static List<AssetLanguage> merge(String bitbucketLanguage, List<String> manualTags, LanguageTable table) {
        return merge(bitbucketLanguage, manualTags, table, BitbucketLanguages.cloud());
    }

    /** As {@link #merge(String, List, LanguageTable)}, with {@code bitbucket} as Bitbucket Cloud's language list. */
    public static List<AssetLanguage> merge(String bitbucketLanguage, List<String> manualTags, LanguageTable table,
            BitbucketLanguages bitbucket) {
        List<String> manual = manualTags == null ? List.of() : manualTags;
        List<AssetLanguage> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (!manual.stream().allMatch(t -> t == null || t.isBlank())) {
            for (String tag : manual) {
                addIfNew(out, seen, tag, LanguageSource.MANUAL, table);
            }
            return out;
        }
        if (bitbucketLanguage != null && !bitbucketLanguage.isBlank()) {
            for (AssetLanguage language : fromBitbucket(bitbucketLanguage, table, bitbucket)) {
                addIfNew(out, seen, language);
            }
        }
        return out;
    }

    /**
     * One Bitbucket Cloud value as asset languages: the Linguist names Bitbucket's list gives it (none: the value as
     * given, unrecognised); a value not on the list is looked up in Linguist's table like a manual tag.
     */
    static List<AssetLanguage> fromBitbucket(String raw, LanguageTable table, BitbucketLanguages bitbucket) {
        return bitbucket.linguistNames(raw)
                .map(names -> names.isEmpty()
                        ? List.of(new AssetLanguage(raw.trim(), raw, LanguageSource.BITBUCKET, false))
                        : names.stream().map(name -> new AssetLanguage(name, raw, LanguageSource.BITBUCKET, true))
                                .toList())
                .orElseGet(() -> List.of(canonicalise(raw, LanguageSource.BITBUCKET, table)));
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
        addIfNew(out, seen, canonicalise(raw, source, table));
    }

    private static void addIfNew(List<AssetLanguage> out, Set<String> seen, AssetLanguage language) {
        // "java" and "Java" tagged together are one language.
        if (seen.add(LanguageTable.key(language.getName()))) {
            out.add(language);
        }
    }
}
