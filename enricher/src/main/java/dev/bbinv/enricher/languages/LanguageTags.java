package dev.bbinv.enricher.languages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.LanguageTagEvent;

/**
 * Builds the events that set or clear the manual language tags of one repository ({@code bbinv tags set|clear}),
 * and shows how the enricher will read them. Pure; {@link LanguageTagPublisher} writes them.
 */
public final class LanguageTags {

    private LanguageTags() {}

    /**
     * An event that sets {@code languages} as the manual tags of {@code repositoryId} (an asset id); an empty list
     * clears them. Values are trimmed; blank and repeated values are dropped.
     */
    public static LanguageTagEvent set(String repositoryId, List<String> languages, Instant setAt, String setBy) {
        if (repositoryId == null || repositoryId.isBlank()) {
            throw new IllegalArgumentException("a repository asset id is required");
        }
        List<String> tags = new ArrayList<>();
        for (String language : languages) {
            if (language != null && !language.isBlank() && !tags.contains(language.trim())) {
                tags.add(language.trim());
            }
        }
        return LanguageTagEvent.newBuilder()
                .setRepositoryId(repositoryId)
                .setLanguages(tags)
                .setSetAt(setAt)
                .setSetBy(setBy)
                .build();
    }

    public static LanguageTagEvent clear(String repositoryId, Instant setAt, String setBy) {
        return set(repositoryId, List.of(), setAt, setBy);
    }

    /** The languages the enricher will record for these tags (canonical name, recognised or not), for the CLI. */
    public static List<AssetLanguage> preview(List<String> languages) {
        return LanguageMerge.merge(null, languages, LanguageTable.linguist()).stream()
                .filter(l -> l.getSource() == LanguageSource.MANUAL)
                .toList();
    }
}
