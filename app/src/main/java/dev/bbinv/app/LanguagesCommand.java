package dev.bbinv.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.enricher.languages.LanguageTags;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RepositoryRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bbinv languages set|clear}: the manual language tags of one repository, written to
 * {@code inventory.language-tags}. Its first name was {@code tags set|clear}, which still works (see {@link TagsCommand}).
 */
@Command(name = "languages", mixinStandardHelpOptions = true, description = "Sets or clears the manual languages of a repository.",
        subcommands = {LanguagesCommand.Set.class, LanguagesCommand.Clear.class})
final class LanguagesCommand {

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Replaces the manual languages of REPO with LANG...")
    static class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPO", description = "Asset id, workspace/slug (Cloud) or PROJECT/slug (DC).")
        String repo;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "LANG", description = "Languages, e.g. java c# golang.")
        List<String> languages;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            return publish(common, repo, id -> LanguageTags.set(id, languages, Instant.now(), "cli"));
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Removes the manual languages of REPO.")
    static class Clear implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPO", description = "Asset id, workspace/slug (Cloud) or PROJECT/slug (DC).")
        String repo;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            return publish(common, repo, id -> LanguageTags.clear(id, Instant.now(), "cli"));
        }
    }

    private static int publish(CommonOptions common, String repo, java.util.function.Function<String, LanguageTagEvent> event) {
        Map<String, Object> settings = StandaloneSettings.resolve(common);
        Database db = StandaloneSettings.database(settings);
        String id = resolve(new InventoryReader(db), repo);
        ManualTopics topics = new ManualTopics(settings);
        LanguageTagEvent tagEvent = event.apply(id);
        topics.publish(Topics.LANGUAGE_TAGS_TOPIC, id, tagEvent);
        System.out.println(tagEvent.getLanguages().isEmpty()
                ? "Cleared the manual language tags of " + id
                : "Set the manual language tags of " + id + " to " + tagEvent.getLanguages());
        return 0;
    }

    /** REPO as an asset id, or as a full name that names exactly one repository. */
    static String resolve(InventoryReader reader, String repo) {
        if (reader.repository(repo).isPresent()) {
            return repo;
        }
        List<RepositoryRecord> byName = reader.repositoriesByFullName(repo);
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("unknown repository '" + repo + "': give an asset id, workspace/slug or PROJECT/slug of a repository in the inventory");
        }
        if (byName.size() > 1) {
            throw new IllegalArgumentException("'" + repo + "' names " + byName.size() + " repositories ("
                    + byName.stream().map(RepositoryRecord::id).toList() + "): give the asset id");
        }
        return byName.get(0).id();
    }
}
