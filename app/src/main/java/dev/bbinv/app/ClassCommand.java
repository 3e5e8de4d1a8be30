package dev.bbinv.app;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RepositoryClassEvent;
import dev.bbinv.sink.db.InventoryReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bbinv class set|clear}: the class (business criticality) of one repository set by hand, written to {@code inventory.repository-classes}. */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = "Sets or clears by hand the class (business criticality, A most critical to D) of a repository.",
        subcommands = {ClassCommand.Set.class, ClassCommand.Clear.class})
final class ClassCommand {
    private static final String REPO_HELP = "Asset id, workspace/slug (Cloud) or PROJECT/slug (DC).";

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Sets the class of REPO; --lock keeps policies from changing it.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPO", description = REPO_HELP)
        String repo;
        @Parameters(index = "1", paramLabel = "CLASS", description = "A, B, C or D.")
        String assetClass;
        @Option(names = "--lock", description = "No policy changes this class until it is set or cleared by hand again.")
        boolean lock;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            String checked = AssetAttributeArguments.assetClass(assetClass);
            String id = publish(common, repo, checked, lock);
            System.out.println("Set the class of " + id + " to " + checked + (lock ? ", locked" : ""));
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Clears the class set by hand: policies and the default (D) apply again.")
    static final class Clear implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REPO", description = REPO_HELP)
        String repo;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            String id = publish(common, repo, null, false);
            System.out.println("Cleared the class set by hand of " + id);
            return 0;
        }
    }

    private static String publish(CommonOptions common, String repo, String assetClass, boolean lock) {
        Map<String, Object> settings = StandaloneSettings.resolve(common);
        String id = LanguagesCommand.resolve(new InventoryReader(StandaloneSettings.database(settings)), repo);
        new ManualTopics(settings).publish(Topics.REPOSITORY_CLASSES_TOPIC, id,
                new RepositoryClassEvent(id, assetClass, lock, Instant.now(), "cli"));
        return id;
    }
}
