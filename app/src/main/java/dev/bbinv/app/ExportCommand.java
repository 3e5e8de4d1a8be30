package dev.bbinv.app;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.bbinv.sink.Exporter;
import dev.bbinv.sink.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bbinv export}: the inventory on standard output, one asset per line, ordered by id so that it diffs. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Writes the inventory to standard output.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--type", defaultValue = "repositories", description = "repositories or users (default: ${DEFAULT-VALUE}).")
    String type;
    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--include-removed", description = "Include removed assets.")
    boolean includeRemoved;
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Exporter.Options options = new Exporter.Options(Exporter.Type.parse(type), Exporter.Format.parse(format), includeRemoved);
        Map<String, Object> settings = StandaloneSettings.resolve(common);
        Database db = StandaloneSettings.database(settings);
        OutputStream out = new BufferedOutputStream(System.out);
        new Exporter(db).export(options, out);
        out.flush();
        return 0;
    }

}
