package dev.bbinv.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ProfilesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bbinv run}: the whole pipeline against the Bitbucket named in a profiles file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline against real Bitbucket: on the embedded stack unless kafka.bootstrap.servers, schema.registry.url or inventory.jdbc.url point elsewhere.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--profiles", required = true, paramLabel = "FILE", description = "The YAML profiles file.")
    Path profilesFile;

    @Mixin
    OnceOptions once;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<Profile> profiles = ProfilesFile.load(profilesFile);
        Map<String, Object> settings = Settings.merge(Map.of(), System.getenv(), common.sets);
        return PipelineRunner.run(common, settings, profiles, profilesFile, System.getenv(), once, null);
    }
}
