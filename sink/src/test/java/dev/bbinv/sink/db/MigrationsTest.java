package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void scriptsAreNumberedOneUpwardsAndPresentAsResources() {
        for (int i = 0; i < Migrations.SCRIPTS.size(); i++) {
            String script = Migrations.SCRIPTS.get(i);
            assertEquals(i + 1, Migrations.versionOf(script), script);
            assertNotNull(Migrations.class.getResource("/dev/bbinv/sink/db/migration/" + script), script);
        }
        assertThrows(IllegalArgumentException.class, () -> Migrations.versionOf("init.sql"));
    }

    @Test
    void splitsAScriptIntoStatementsAtLineEndingSemicolonsDroppingComments() {
        List<String> statements = Migrations.statements("-- a comment\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX i\n  ON a (x);\n");

        assertEquals(List.of("CREATE TABLE a (x TEXT)", "CREATE INDEX i\n  ON a (x)"), statements);
    }

    @Test
    void theJdbcUrlPicksTheDialectAndMessagesNeverShowAPassword() {
        assertEquals(Dialect.SQLITE, Dialect.of("jdbc:sqlite:./data/inventory.db"));
        assertEquals(Dialect.POSTGRESQL, Dialect.of("jdbc:postgresql://db:5432/inv"));
        assertEquals("an in-memory SQLite database cannot hold the inventory: use jdbc:sqlite:<file>",
                assertThrows(IllegalArgumentException.class, () -> Dialect.of("jdbc:sqlite::memory:")).getMessage());
        assertEquals("jdbc:postgresql://db/inv?user=a&password=[hidden]&ssl=true",
                Dialect.redact("jdbc:postgresql://db/inv?user=a&password=pw&ssl=true"));
    }
}
