package dev.bbinv.sink.db;

/** The database suite on a real PostgreSQL (embedded, a fresh database per test). */
class PostgresInventoryIT extends InventoryDbContract {
    @Override
    protected Database newDatabase() {
        return TestDatabases.postgresDatabase();
    }
}
