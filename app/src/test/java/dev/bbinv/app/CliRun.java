package dev.bbinv.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs one {@code bbinv} command in this JVM as a user would, and keeps what it printed on standard output. */
record CliRun(int exit, String out) {

    static CliRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        return new CliRun(exit, captured.toString(StandardCharsets.UTF_8));
    }
}
