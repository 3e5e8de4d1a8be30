package dev.bbinv.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the embedded stack of a running {@code bbinv demo}/{@code run} listens, written to its data folder so that
 * {@code bbinv tags} and {@code bbinv status} find it without flags. Holds no secret.
 */
final class LocalEndpoints {
    static final String FILE = "endpoints.properties";

    private LocalEndpoints() {}

    static void write(Path dataDir, Map<String, ?> endpoints) {
        Properties p = new Properties();
        endpoints.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        try (Writer w = Files.newBufferedWriter(dataDir.resolve(FILE))) {
            p.store(w, "written by bbinv while its embedded stack runs");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }

    static Map<String, String> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            // Stale addresses only make a later command fail with "cannot reach"; nothing is lost.
        }
    }
}
