package dev.bbinv.sink.db;

/** The asset attribute suite on a real SQLite file. */
class SqliteAssetAttributesIT extends AssetAttributesDbContract {
    @Override
    protected Database newDatabase() {
        return TestDatabases.sqlite();
    }
}
