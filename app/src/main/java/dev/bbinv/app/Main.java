package dev.bbinv.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code bbinv} command: parses the command line and runs one sub-command. */
@Command(name = "bbinv", mixinStandardHelpOptions = true, version = "bbinv 0.1.0",
        description = "Keeps an application asset inventory in step with Bitbucket Cloud and Data Center.",
        subcommands = {DemoCommand.class, RunCommand.class, RoleCommands.Connector.class, RoleCommands.Enricher.class,
                RoleCommands.Sink.class, ProfilesCommand.class, ClassCommand.class, TagsCommand.class, LanguagesCommand.class, ExportCommand.class,
                RebuildCommand.class, DlqCommand.class, StatusCommand.class, TopicsCommand.class, ConfigReference.DocsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // A bad flag or value is a usage error that names it; anything else thrown is reported in one line.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("bbinv: " + Errors.describe(e));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
