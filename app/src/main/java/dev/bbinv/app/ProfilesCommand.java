package dev.bbinv.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.bbinv.connector.ProfileChecker;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bbinv profiles check FILE}: validates a profiles file and proves each profile's access with the cheapest calls. */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "Works with profiles files.",
        subcommands = {ProfilesCommand.Check.class})
final class ProfilesCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates FILE, then reports each profile as Connected or Connection failed with the reason.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            List<Profile> profiles = ProfilesFile.load(file);
            List<ProfileChecker.Result> results = ProfileChecker.check(profiles, Duration.ofSeconds(20));
            results.forEach(r -> System.out.println(r));
            return results.stream().allMatch(ProfileChecker.Result::connected) ? 0 : 1;
        }
    }
}
