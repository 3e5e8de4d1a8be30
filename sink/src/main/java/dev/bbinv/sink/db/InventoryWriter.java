package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Applies a batch of asset changes and the consumer offsets that cover them in one transaction, with batched
 * upserts that never let an older version of an asset overwrite a newer one ({@link AssetRows}), on a connection
 * kept between batches.
 */
public final class InventoryWriter {
    // A zombie member that lost its partitions must not move the stored position backwards.
    private static final String UPSERT_OFFSET = """
            INSERT INTO consumer_offsets (topic, partition_id, next_offset, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset,
                updated_at = excluded.updated_at
            WHERE excluded.next_offset > consumer_offsets.next_offset""";

    /**
     * SQLite copies the WAL into the database file once it holds this many pages (default 1,000, 4 MiB): a batch
     * writes more than that, so every commit paid a checkpoint; 16,384 (64 MiB) lets a page changed by several
     * batches be copied once. Power loss (synchronous NORMAL) can lose more commits, with their offsets, so they are
     * read again.
     */
    static final int SQLITE_WAL_AUTOCHECKPOINT_PAGES = 16_384;

    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);
    private static final int IDLE_CHECK_TIMEOUT_S = 2;
    private final Database db;
    private final Dialect dialect;
    /**
     * The writer's own connection, kept between batches (a new PostgreSQL connection per batch is a new server
     * process); closed and opened again after any error, so a database that went away is reconnected to.
     */
    private Connection connection;
    private final long idleCheckNanos;
    /** When the kept connection last finished a write. */
    private long lastUsedNanos;

    public InventoryWriter(Database db) {
        this(db, IDLE_CHECK);
    }

    /** @param idleCheck how long the kept connection may sit unused before it is asked whether it still works */
    InventoryWriter(Database db, Duration idleCheck) {
        this.db = db;
        this.dialect = db.dialect();
        this.idleCheckNanos = idleCheck.toNanos();
    }

    /** Whether the database answers at all: tells an outage from data the database refuses. */
    public boolean databaseReachable() {
        return db.reachable();
    }

    /** Applies the whole batch or nothing. {@code now} stamps the offsets row. */
    public synchronized void apply(InventoryBatch batch, Instant now) {
        try {
            Connection c = connection();
            try {
                AssetRows.deleteRepositories(c, dialect, batch.deletedRepositoryIds());
                AssetRows.deleteUsers(c, dialect, batch.deletedUserIds());
                AssetRows.upsertRepositories(c, dialect, batch.repositories());
                AssetRows.upsertUsers(c, dialect, batch.users());
                storeOffsets(c, batch.offsets(), now);
                c.commit();
                lastUsedNanos = System.nanoTime();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                close();
                throw e;
            }
        } catch (SQLException e) {
            throw new InventoryDbException("writing a batch of " + batch.changes() + " change(s) to "
                    + db.describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** Closes the writer's connection; the next write opens a new one. */
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Broken already: nothing is left to release.
            }
            connection = null;
        }
    }

    private Connection connection() throws SQLException {
        // A connection kept idle may lead to a database that went away meanwhile; its first statement could then
        // wait out the socket timeout (60 s) instead of failing, so one that sat idle is asked first, briefly.
        if (connection != null && System.nanoTime() - lastUsedNanos > idleCheckNanos
                && !connection.isValid(IDLE_CHECK_TIMEOUT_S)) {
            close();
        }
        if (connection == null) {
            Connection c = db.connect();
            try {
                if (dialect == Dialect.SQLITE) {
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("PRAGMA wal_autocheckpoint = " + SQLITE_WAL_AUTOCHECKPOINT_PAGES);
                    }
                }
                c.setAutoCommit(false);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private static void storeOffsets(Connection c, List<PartitionOffset> offsets, Instant now) throws SQLException {
        if (offsets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_OFFSET)) {
            for (PartitionOffset o : offsets) {
                ps.setString(1, o.topic());
                ps.setInt(2, o.partition());
                ps.setLong(3, o.nextOffset());
                ps.setString(4, Timestamps.format(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Sets the stored offsets of these partitions, lower ones too: only for a topic that was recreated, whose new log
     * starts again from 0 (every other write moves offsets forward only).
     */
    public void resetOffsets(List<PartitionOffset> offsets, Instant now) {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE consumer_offsets SET next_offset = ?, updated_at = ? WHERE topic = ? AND partition_id = ?")) {
            for (PartitionOffset o : offsets) {
                ps.setLong(1, o.nextOffset());
                ps.setString(2, Timestamps.format(now));
                ps.setString(3, o.topic());
                ps.setInt(4, o.partition());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new InventoryDbException("resetting the offsets of recreated topics in " + db.describe() + " failed", e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the transaction is gone with it.
        }
    }
}
