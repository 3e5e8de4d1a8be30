package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Applies a batch of asset changes and the consumer offsets that cover them in one transaction, with batched
 * upserts that never let an older version of an asset overwrite a newer one.
 */
public final class InventoryWriter {
    static final String REPOSITORY = "repository";
    static final String USER = "user";

    // An equal version is applied again: a replay of the same event is a no-op, and a re-run of the enricher
    // with a mapping fix (same versions, better content) still reaches the database.
    private static final String UPSERT_REPOSITORY = """
            INSERT INTO repositories (id, name, slug, full_name, service_type, base_url, scope_key, scope_name,
                project_key, project_name, browse_url, default_branch, visibility, archived, description, created_at,
                updated_at, removed, removed_at, first_seen, last_seen, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug, full_name = excluded.full_name,
                service_type = excluded.service_type, base_url = excluded.base_url, scope_key = excluded.scope_key,
                scope_name = excluded.scope_name, project_key = excluded.project_key,
                project_name = excluded.project_name, browse_url = excluded.browse_url,
                default_branch = excluded.default_branch, visibility = excluded.visibility,
                archived = excluded.archived, description = excluded.description, created_at = excluded.created_at,
                updated_at = excluded.updated_at, removed = excluded.removed, removed_at = excluded.removed_at,
                first_seen = excluded.first_seen, last_seen = excluded.last_seen, version = excluded.version
            WHERE excluded.version >= repositories.version""";

    private static final String UPSERT_USER = """
            INSERT INTO users (id, service_type, base_url, account_id, username, display_name, email, active,
                user_type, removed, removed_at, first_seen, last_seen, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET service_type = excluded.service_type, base_url = excluded.base_url,
                account_id = excluded.account_id, username = excluded.username,
                display_name = excluded.display_name, email = excluded.email, active = excluded.active,
                user_type = excluded.user_type, removed = excluded.removed, removed_at = excluded.removed_at,
                first_seen = excluded.first_seen, last_seen = excluded.last_seen, version = excluded.version
            WHERE excluded.version >= users.version""";

    /** Child rows are only touched when the parent row now holds exactly this version, i.e. the upsert won. */
    private static final String REPO_WON = " AND EXISTS (SELECT 1 FROM repositories w WHERE w.id = ? AND w.version = ?)";
    private static final String USER_WON = " AND EXISTS (SELECT 1 FROM users w WHERE w.id = ? AND w.version = ?)";
    private static final String REPO_WON_WHERE = " WHERE EXISTS (SELECT 1 FROM repositories w WHERE w.id = ? AND w.version = ?)";
    private static final String USER_WON_WHERE = " WHERE EXISTS (SELECT 1 FROM users w WHERE w.id = ? AND w.version = ?)";

    // A zombie member that lost its partitions must not move the stored position backwards.
    private static final String UPSERT_OFFSET = """
            INSERT INTO consumer_offsets (topic, partition_id, next_offset, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset,
                updated_at = excluded.updated_at
            WHERE excluded.next_offset > consumer_offsets.next_offset""";

    private final Database db;

    public InventoryWriter(Database db) {
        this.db = db;
    }

    /** Whether the database answers at all: tells an outage from data the database refuses. */
    public boolean databaseReachable() {
        return db.reachable();
    }

    /** Applies the whole batch or nothing. {@code now} stamps the offsets row. */
    public void apply(InventoryBatch batch, Instant now) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                deleteAssets(c, REPOSITORY, "repositories", batch.deletedRepositoryIds());
                deleteAssets(c, USER, "users", batch.deletedUserIds());
                upsertRepositories(c, batch.repositories());
                upsertUsers(c, batch.users());
                storeOffsets(c, batch.offsets(), now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new InventoryDbException("writing a batch of " + batch.changes() + " change(s) to "
                    + db.describe() + " failed: " + e.getMessage(), e);
        }
    }

    private static void deleteAssets(Connection c, String type, String table, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement profiles = c.prepareStatement("DELETE FROM asset_profiles WHERE asset_type = ? AND asset_id = ?");
             PreparedStatement reasons = c.prepareStatement("DELETE FROM asset_removed_reasons WHERE asset_type = ? AND asset_id = ?")) {
            for (String id : ids) {
                for (PreparedStatement ps : List.of(profiles, reasons)) {
                    ps.setString(1, type);
                    ps.setString(2, id);
                    ps.addBatch();
                }
            }
            profiles.executeBatch();
            reasons.executeBatch();
        }
        List<String> children = REPOSITORY.equals(type)
                ? List.of("DELETE FROM repository_languages WHERE repository_id = ?",
                          "DELETE FROM repository_app_context WHERE repository_id = ?",
                          "DELETE FROM repository_clone_urls WHERE repository_id = ?",
                          "DELETE FROM repositories WHERE id = ?")
                : List.of("DELETE FROM user_scopes WHERE user_id = ?", "DELETE FROM users WHERE id = ?");
        for (String sql : children) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void upsertRepositories(Connection c, List<RepositoryRecord> repos) throws SQLException {
        if (repos.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_REPOSITORY)) {
            for (RepositoryRecord r : repos) {
                int i = 1;
                ps.setString(i++, r.id());
                ps.setString(i++, r.name());
                ps.setString(i++, r.slug());
                ps.setString(i++, r.fullName());
                ps.setString(i++, r.serviceType());
                ps.setString(i++, r.baseUrl());
                ps.setString(i++, r.scopeKey());
                ps.setString(i++, r.scopeName());
                ps.setString(i++, r.projectKey());
                ps.setString(i++, r.projectName());
                ps.setString(i++, r.browseUrl());
                ps.setString(i++, r.defaultBranch());
                ps.setString(i++, r.visibility());
                ps.setBoolean(i++, r.archived());
                ps.setString(i++, r.description());
                ps.setString(i++, Timestamps.format(r.createdAt()));
                ps.setString(i++, Timestamps.format(r.updatedAt()));
                ps.setBoolean(i++, r.removed());
                ps.setString(i++, Timestamps.format(r.removedAt()));
                ps.setString(i++, Timestamps.format(r.firstSeen()));
                ps.setString(i++, Timestamps.format(r.lastSeen()));
                ps.setLong(i, r.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // Replace the children of every repository whose upsert won.
        for (String table : List.of("repository_languages", "repository_app_context", "repository_clone_urls")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE repository_id = ?" + REPO_WON)) {
                for (RepositoryRecord r : repos) {
                    ps.setString(1, r.id());
                    ps.setString(2, r.id());
                    ps.setLong(3, r.version());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        replaceProfilesAndReasons(c, REPOSITORY, REPO_WON, REPO_WON_WHERE,
                repos.stream().map(r -> new ListsOf(r.id(), r.version(), r.profiles(), r.removedReasons())).toList());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO repository_languages "
                + "(repository_id, position, name, raw, source, recognised) SELECT ?, ?, ?, ?, ?, ?" + REPO_WON_WHERE)) {
            for (RepositoryRecord r : repos) {
                int position = 0;
                for (RepositoryRecord.Language l : r.languages()) {
                    ps.setString(1, r.id());
                    ps.setInt(2, position++);
                    ps.setString(3, l.name());
                    ps.setString(4, l.raw());
                    ps.setString(5, l.source());
                    ps.setBoolean(6, l.recognised());
                    ps.setString(7, r.id());
                    ps.setLong(8, r.version());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO repository_clone_urls "
                + "(repository_id, position, name, href) SELECT ?, ?, ?, ?" + REPO_WON_WHERE)) {
            for (RepositoryRecord r : repos) {
                int position = 0;
                for (RepositoryRecord.CloneUrl u : r.cloneUrls()) {
                    ps.setString(1, r.id());
                    ps.setInt(2, position++);
                    ps.setString(3, u.name());
                    ps.setString(4, u.href());
                    ps.setString(5, r.id());
                    ps.setLong(6, r.version());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO repository_app_context (repository_id, "
                + "catalog_name, title, category, lifecycle, owner, application, file_path, commit_id, error) "
                + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + REPO_WON_WHERE)) {
            for (RepositoryRecord r : repos) {
                RepositoryRecord.AppContext a = r.appContext();
                if (a == null) {
                    continue;
                }
                ps.setString(1, r.id());
                ps.setString(2, a.catalogName());
                ps.setString(3, a.title());
                ps.setString(4, a.category());
                ps.setString(5, a.lifecycle());
                ps.setString(6, a.owner());
                ps.setString(7, a.application());
                ps.setString(8, a.filePath());
                ps.setString(9, a.commit());
                ps.setString(10, a.error());
                ps.setString(11, r.id());
                ps.setLong(12, r.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void upsertUsers(Connection c, List<UserRecord> users) throws SQLException {
        if (users.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_USER)) {
            for (UserRecord u : users) {
                int i = 1;
                ps.setString(i++, u.id());
                ps.setString(i++, u.serviceType());
                ps.setString(i++, u.baseUrl());
                ps.setString(i++, u.accountId());
                ps.setString(i++, u.username());
                ps.setString(i++, u.displayName());
                ps.setString(i++, u.email());
                if (u.active() == null) {
                    ps.setNull(i++, Types.BOOLEAN);
                } else {
                    ps.setBoolean(i++, u.active());
                }
                ps.setString(i++, u.userType());
                ps.setBoolean(i++, u.removed());
                ps.setString(i++, Timestamps.format(u.removedAt()));
                ps.setString(i++, Timestamps.format(u.firstSeen()));
                ps.setString(i++, Timestamps.format(u.lastSeen()));
                ps.setLong(i, u.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_scopes WHERE user_id = ?" + USER_WON)) {
            for (UserRecord u : users) {
                ps.setString(1, u.id());
                ps.setString(2, u.id());
                ps.setLong(3, u.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_scopes (user_id, scope) SELECT ?, ?" + USER_WON_WHERE)) {
            for (UserRecord u : users) {
                for (String scope : u.scopes().stream().distinct().toList()) {
                    ps.setString(1, u.id());
                    ps.setString(2, scope);
                    ps.setString(3, u.id());
                    ps.setLong(4, u.version());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        replaceProfilesAndReasons(c, USER, USER_WON, USER_WON_WHERE,
                users.stream().map(u -> new ListsOf(u.id(), u.version(), u.profiles(), u.removedReasons())).toList());
    }

    private record ListsOf(String id, long version, List<String> profiles, List<String> reasons) {}

    private static void replaceProfilesAndReasons(Connection c, String type, String won, String wonWhere,
                                                  List<ListsOf> assets) throws SQLException {
        for (String table : List.of("asset_profiles", "asset_removed_reasons")) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE asset_type = ? AND asset_id = ?" + won)) {
                for (ListsOf a : assets) {
                    ps.setString(1, type);
                    ps.setString(2, a.id());
                    ps.setString(3, a.id());
                    ps.setLong(4, a.version());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO asset_profiles (asset_type, asset_id, profile) SELECT ?, ?, ?" + wonWhere)) {
            for (ListsOf a : assets) {
                for (String profile : a.profiles().stream().distinct().toList()) {
                    ps.setString(1, type);
                    ps.setString(2, a.id());
                    ps.setString(3, profile);
                    ps.setString(4, a.id());
                    ps.setLong(5, a.version());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_removed_reasons "
                + "(asset_type, asset_id, position, reason) SELECT ?, ?, ?, ?" + wonWhere)) {
            for (ListsOf a : assets) {
                int position = 0;
                for (String reason : a.reasons()) {
                    ps.setString(1, type);
                    ps.setString(2, a.id());
                    ps.setInt(3, position++);
                    ps.setString(4, reason);
                    ps.setString(5, a.id());
                    ps.setLong(6, a.version());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
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

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the transaction is gone with it.
        }
    }
}
