package dev.bbinv.sink.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The database suite on a real SQLite file under target/, plus what only SQLite needs. */
class SqliteInventoryIT extends InventoryDbContract {
    @Override
    protected Database newDatabase() {
        return TestDatabases.sqlite();
    }

    @Test
    void theFileIsInWalModeSyncedAtCheckpointsAndConnectionsWaitForLocksInsteadOfFailing() {
        assertEquals("wal", SqlProbe.sqlitePragma(db, "journal_mode"));
        assertEquals("10000", SqlProbe.sqlitePragma(db, "busy_timeout"));
        assertEquals("1", SqlProbe.sqlitePragma(db, "foreign_keys"));
        assertEquals("1", SqlProbe.sqlitePragma(db, "synchronous"), "NORMAL: synced at checkpoints, safe in WAL mode");
    }
}
