package dev.bbinv.sink.db;

/** The paging suite on a real PostgreSQL (embedded, a fresh database per test). */
class PostgresListingPagesIT extends ListingPagesDbContract {
    @Override
    protected Database newDatabase() {
        return TestDatabases.postgresDatabase();
    }
}
