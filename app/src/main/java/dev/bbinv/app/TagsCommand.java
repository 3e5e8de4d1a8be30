package dev.bbinv.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryTagsEvent;
import dev.bbinv.sink.db.InventoryReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bbinv tags add|remove}: the manual {@code key:value} tags of one repository, written as the whole new set to
 * {@code inventory.repository-tags}. {@code tags set|clear} is the old name of {@code languages set|clear}, kept hidden.
 */
@Command(name = "tags", mixinStandardHelpOptions = true,
        description = {"Adds or removes manual key:value tags of a repository (e.g. platform:aws).",
                "`tags set|clear` still sets or clears the manual languages: the old name of `languages set|clear`."},
        subcommands = {TagsCommand.Add.class, TagsCommand.Remove.class, TagsCommand.OldSet.class, TagsCommand.OldClear.class})
final class TagsCommand {
    private static final String REPO_HELP = "Asset id, workspace/slug (Cloud) or PROJECT/slug (DC).";

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds TAG... to the manual tags of REPO.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPO", description = REPO_HELP)
        String repo;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "key:value, e.g. platform:aws")
        List<String> tags;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            List<String> checked = AssetAttributeArguments.tags(tags);
            return change(common, repo, current -> AssetAttributeArguments.added(current, checked));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes TAG... from the manual tags of REPO.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPO", description = REPO_HELP)
        String repo;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "key:value, e.g. platform:aws")
        List<String> tags;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            List<String> checked = AssetAttributeArguments.tags(tags);
            return change(common, repo, current -> AssetAttributeArguments.removed(current, checked));
        }
    }

    /** {@code tags set}: the old name of {@code languages set}. */
    @Command(name = "set", hidden = true, mixinStandardHelpOptions = true,
            description = "Old name of `languages set`: replaces the manual languages of REPO with LANG...")
    static final class OldSet extends LanguagesCommand.Set {}

    /** {@code tags clear}: the old name of {@code languages clear}. */
    @Command(name = "clear", hidden = true, mixinStandardHelpOptions = true,
            description = "Old name of `languages clear`: removes the manual languages of REPO.")
    static final class OldClear extends LanguagesCommand.Clear {}

    /** Reads the current manual set from the topic, applies the change, and publishes the whole new set if it differs. */
    private static int change(CommonOptions common, String repo,
            java.util.function.UnaryOperator<List<String>> change) {
        Map<String, Object> settings = StandaloneSettings.resolve(common);
        String id = LanguagesCommand.resolve(new InventoryReader(StandaloneSettings.database(settings)), repo);
        ManualTopics topics = new ManualTopics(settings);
        List<String> current = topics.latest(Topics.REPOSITORY_TAGS_TOPIC, id)
                .map(e -> List.copyOf(e.getTags())).orElse(List.of());
        List<String> next = change.apply(current);
        if (next.equals(current)) {
            System.out.println("The manual tags of " + id + " stay " + current + ": nothing to change");
            return 0;
        }
        topics.publish(Topics.REPOSITORY_TAGS_TOPIC, id, new RepositoryTagsEvent(id, next, Instant.now(), "cli"));
        System.out.println("Set the manual tags of " + id + " to " + next);
        return 0;
    }
}
