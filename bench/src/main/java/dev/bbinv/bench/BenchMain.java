package dev.bbinv.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The {@code bench} command: runs every measurement per estate size, prints a table and writes a JSON file. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
        System.exit(0);
    }

    /** Runs the sizes of {@code options}, prints the table, writes the JSON; returns what was written. */
    public static Map<String, Object> run(BenchOptions options, PrintStream out) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        try (HeapSampler heap = new HeapSampler()) {
            for (int n : options.sizes()) {
                out.println("bench: N=" + n + " ...");
                runs.add(new SizeRun(n, options.workDir().resolve("n" + n + "-" + System.currentTimeMillis()), heap,
                        options.stages(), options.simHeapFor(n),
                        options.fetchConcurrency()).run());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("measured_at", Instant.now().toString());
        result.put("machine", machine());
        result.put("runs", runs);
        result.put("aims_met", Aims.allMet(runs));
        out.print(ResultTable.render(runs));
        out.print(Aims.render(runs));
        Path file = options.out().toAbsolutePath();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        out.println("bench: JSON written to " + file);
        return result;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return m;
    }
}
