package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The image's entry point script, run as the image runs it: against a built app folder ({@code classes} and
 * {@code lib}, as the Dockerfile copies them) and against a folder without a build. An IT because it needs the
 * packaged {@code target/lib}.
 */
class EntrypointScriptIT {
    private static final Path SCRIPT = Path.of("..", "docker", "entrypoint.sh").toAbsolutePath().normalize();

    private record Result(int exit, String out, String err) {}

    private static Result run(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("BBINV_HOME", home.toString());
        Path out = Files.createTempFile("entrypoint", ".out");
        Path err = Files.createTempFile("entrypoint", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("entrypoint.sh did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsBbinvFromABuiltAppFolder() throws Exception {
        Path home = Files.createTempDirectory("bbinv-home");
        Files.createSymbolicLink(home.resolve("classes"), Path.of("target", "classes").toAbsolutePath());
        Files.createSymbolicLink(home.resolve("lib"), Path.of("target", "lib").toAbsolutePath());

        Result r = run(home, "--help");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: bbinv"), r.out());
        assertTrue(r.out().contains("status"), "the status command is listed: " + r.out());
    }

    @Test
    void anUnknownCommandExitsWithTheUsageErrorCodeThroughTheRealProcess() throws Exception {
        Path home = Files.createTempDirectory("bbinv-home");
        Files.createSymbolicLink(home.resolve("classes"), Path.of("target", "classes").toAbsolutePath());
        Files.createSymbolicLink(home.resolve("lib"), Path.of("target", "lib").toAbsolutePath());

        Result r = run(home, "rebiuld");

        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("Unmatched argument at index 0: 'rebiuld'"), r.err());
    }

    @Test
    void exits64NamingTheFolderWhenThereIsNoBuild() throws Exception {
        Path empty = Files.createTempDirectory("bbinv-empty");
        Files.createDirectory(empty.resolve("lib"));

        Result r = run(empty, "--help");

        assertEquals(64, r.exit());
        assertTrue(r.err().contains("entrypoint: no bbinv build at " + empty), r.err());
        assertEquals("", r.out());
    }
}
