package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Commands that read the inventory, run before there is one: a plain answer, what to run first, nothing created. */
class EmptyStartTest {

    private record Result(int exit, String err) {}

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), err.toString());
    }

    @Test
    void exportOnANewFolderSaysThereIsNoInventoryYetAndCreatesNothing() throws Exception {
        Path dir = Files.createTempDirectory("empty-start").resolve("never-used");

        Result r = run("export", "--data-dir", dir.toString());

        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("bbinv: there is no inventory yet: " + dir.toAbsolutePath().resolve("inventory.db")
                + " does not exist. Run `bbinv demo`"), r.err());
        assertTrue(r.err().contains("`bbinv run --profiles FILE` first"), r.err());
        assertFalse(r.err().contains("SQLITE_ERROR"), r.err());
        assertFalse(Files.exists(dir), "no folder is created as a side effect");
    }

    @Test
    void exportOnADatabaseWithoutTablesSaysSoAndAddsNone() throws Exception {
        Path dir = Files.createTempDirectory("empty-start");
        String url = "jdbc:sqlite:" + dir.resolve("inventory.db");
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE unrelated (x INTEGER)");
        }

        Result r = run("export", "--set", "inventory.jdbc.url=" + url);

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("there is no inventory yet in " + url + ": the database holds no inventory tables."
                + " Run `bbinv demo`"), r.err());
        try (Connection c = DriverManager.getConnection(url);
             ResultSet tables = c.createStatement().executeQuery(
                     "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'")) {
            assertEquals("unrelated", tables.getString(1), "no table was added");
        }
    }
}
