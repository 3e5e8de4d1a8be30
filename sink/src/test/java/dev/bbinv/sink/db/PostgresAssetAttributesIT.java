package dev.bbinv.sink.db;

/** The asset attribute suite on a real PostgreSQL (embedded, a fresh database per test). */
class PostgresAssetAttributesIT extends AssetAttributesDbContract {
    @Override
    protected Database newDatabase() {
        return TestDatabases.postgresDatabase();
    }
}
