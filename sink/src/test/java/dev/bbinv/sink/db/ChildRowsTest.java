package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChildRowsTest {
    @Test
    void aBoundValueAndItsStoredFormOnEitherDatabaseCompareAsTheSameText() {
        assertEquals("1", ChildRows.canonical(true), "bound, and PostgreSQL's boolean");
        assertEquals("1", ChildRows.canonical(1), "SQLite's boolean");
        assertEquals("0", ChildRows.canonical(false));
        assertEquals("7", ChildRows.canonical(7L));
        assertEquals("007", ChildRows.canonical("007"), "text stays text");
        assertNull(ChildRows.canonical(null));
    }

    @Test
    void aTableIsAnInsertIntoItselfWhoseColumnsTheSelectReads() {
        ChildRows.Table t = ChildRows.Table.of("user_scopes", "INSERT INTO user_scopes (user_id, scope) VALUES ", 2, "user_id");
        assertEquals("user_id, scope", t.columnList());
        assertThrows(IllegalArgumentException.class,
                () -> ChildRows.Table.of("user_scopes", "INSERT INTO users (id) VALUES ", 1, "id"));
    }
}
