package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a batch's repositories and users, with all their child rows, inside the caller's transaction: a delete
 * takes every row of the asset with it; an upsert never lets an older version overwrite a newer one, and rewrites
 * child rows only for the assets it wrote.
 */
final class AssetRows {
    private static final String REPOSITORY = "repository";
    private static final String USER = "user";

    // An equal version is applied again: a replay of the same event is a no-op, and a re-run of the enricher
    // with a mapping fix (same versions, better content) still reaches the database.
    private static final String UPSERT_REPOSITORY = """
            INSERT INTO repositories (id, name, slug, full_name, service_type, base_url, scope_key, scope_name,
                project_key, project_name, browse_url, default_branch, visibility, archived, description, created_at,
                updated_at, removed, removed_at, first_seen, last_seen, version, last_commit_at, freshness,
                asset_class, class_locked, class_source)
            VALUES %s
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug, full_name = excluded.full_name,
                service_type = excluded.service_type, base_url = excluded.base_url, scope_key = excluded.scope_key,
                scope_name = excluded.scope_name, project_key = excluded.project_key,
                project_name = excluded.project_name, browse_url = excluded.browse_url,
                default_branch = excluded.default_branch, visibility = excluded.visibility,
                archived = excluded.archived, description = excluded.description, created_at = excluded.created_at,
                updated_at = excluded.updated_at, removed = excluded.removed, removed_at = excluded.removed_at,
                first_seen = excluded.first_seen, last_seen = excluded.last_seen, version = excluded.version,
                last_commit_at = excluded.last_commit_at, freshness = excluded.freshness,
                asset_class = excluded.asset_class, class_locked = excluded.class_locked,
                class_source = excluded.class_source
            WHERE excluded.version >= repositories.version""";

    private static final String UPSERT_USER = """
            INSERT INTO users (id, service_type, base_url, account_id, username, display_name, email, active,
                user_type, removed, removed_at, first_seen, last_seen, version)
            VALUES %s
            ON CONFLICT (id) DO UPDATE SET service_type = excluded.service_type, base_url = excluded.base_url,
                account_id = excluded.account_id, username = excluded.username,
                display_name = excluded.display_name, email = excluded.email, active = excluded.active,
                user_type = excluded.user_type, removed = excluded.removed, removed_at = excluded.removed_at,
                first_seen = excluded.first_seen, last_seen = excluded.last_seen, version = excluded.version
            WHERE excluded.version >= users.version""";

    /**
     * The tables of a repository's lists, keyed by repository_id; replaced whole with the row's version. Their rows
     * (and an asset's profiles and removal reasons) only exist while the asset's row does: a tombstone deletes them
     * with it, so an asset the upsert inserts has none to delete.
     */
    private static final List<String> CHILD_TABLES = List.of("repository_languages", "repository_app_context",
            "repository_clone_urls", "repository_developers", "repository_tags", "repository_labels");

    private AssetRows() {}

    /** Deletes these repositories and every row that belongs to them. */
    static void deleteRepositories(Connection c, Dialect dialect, List<String> ids) throws SQLException {
        delete(c, dialect, REPOSITORY, "repositories", ids);
    }

    /** Deletes these users and every row that belongs to them. */
    static void deleteUsers(Connection c, Dialect dialect, List<String> ids) throws SQLException {
        delete(c, dialect, USER, "users", ids);
    }

    private static void delete(Connection c, Dialect dialect, String type, String table, List<String> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<String> distinct = ids.stream().distinct().toList();
        MultiRowStatement.forIds(c, dialect, "DELETE FROM asset_profiles WHERE asset_type = ? AND asset_id", List.of(type), distinct);
        MultiRowStatement.forIds(c, dialect, "DELETE FROM asset_removed_reasons WHERE asset_type = ? AND asset_id", List.of(type), distinct);
        List<String> children = REPOSITORY.equals(type)
                ? CHILD_TABLES.stream().map(t -> "DELETE FROM " + t + " WHERE repository_id").toList()
                : List.of("DELETE FROM user_scopes WHERE user_id");
        for (String sql : children) {
            MultiRowStatement.forIds(c, dialect, sql, List.of(), distinct);
        }
        MultiRowStatement.forIds(c, dialect, "DELETE FROM " + table + " WHERE id", List.of(), distinct);
    }

    /** Upserts the newest of these versions of each repository, then the child rows of those it wrote. */
    static void upsertRepositories(Connection c, Dialect dialect, List<RepositoryRecord> incoming) throws SQLException {
        if (incoming.isEmpty()) {
            return;
        }
        List<RepositoryRecord> repos = LatestVersions.onePerId(incoming, RepositoryRecord::id, RepositoryRecord::version);
        // Child rows are written only where the upsert wrote the parent row (its version was not older), and the old
        // ones deleted only where the parent row was there before: a new asset has none.
        MultiRowStatement.Upserted<RepositoryRecord> upserted = MultiRowStatement.upsert(c, dialect, "repositories",
                head(UPSERT_REPOSITORY), tail(UPSERT_REPOSITORY), 27, repos, (r, p) -> p
                .string(r.id()).string(r.name()).string(r.slug()).string(r.fullName()).string(r.serviceType())
                .string(r.baseUrl()).string(r.scopeKey()).string(r.scopeName()).string(r.projectKey())
                .string(r.projectName()).string(r.browseUrl()).string(r.defaultBranch()).string(r.visibility())
                .bool(r.archived()).string(r.description()).string(Timestamps.format(r.createdAt()))
                .string(Timestamps.format(r.updatedAt())).bool(r.removed()).string(Timestamps.format(r.removedAt()))
                .string(Timestamps.format(r.firstSeen())).string(Timestamps.format(r.lastSeen())).bigint(r.version())
                .string(Timestamps.format(r.attributes().lastCommitAt())).string(r.attributes().freshness())
                .string(r.attributes().assetClass()).bool(r.attributes().classLocked())
                .string(r.attributes().classSource()), "id", RepositoryRecord::id);
        List<RepositoryRecord> won = upserted.written();
        if (won.isEmpty()) {
            return;
        }
        Set<String> updated = new HashSet<>(ids(upserted.updated(), RepositoryRecord::id));
        replaceProfilesAndReasons(c, dialect, REPOSITORY, updated,
                won.stream().map(r -> new ListsOf(r.id(), r.profiles(), r.removedReasons())).toList());

        List<Positioned<RepositoryRecord.Language>> languages = new ArrayList<>();
        List<Positioned<RepositoryRecord.CloneUrl>> cloneUrls = new ArrayList<>();
        List<Positioned<RepositoryRecord.AppContext>> appContexts = new ArrayList<>();
        for (RepositoryRecord r : won) {
            languages.addAll(Positioned.of(r.id(), r.languages()));
            cloneUrls.addAll(Positioned.of(r.id(), r.cloneUrls()));
            if (r.appContext() != null) {
                appContexts.add(new Positioned<>(r.id(), 0, r.appContext()));
            }
        }
        ChildRows.write(c, dialect, ChildRows.Table.of("repository_languages", "INSERT INTO repository_languages "
                + "(repository_id, position, name, raw, source, recognised) VALUES ", 6, "repository_id"), languages,
                Positioned::ownerId, updated, (l, p) -> p
                .string(l.ownerId()).integer(l.position()).string(l.value().name()).string(l.value().raw())
                .string(l.value().source()).bool(l.value().recognised()));
        ChildRows.write(c, dialect, ChildRows.Table.of("repository_clone_urls", "INSERT INTO repository_clone_urls "
                + "(repository_id, position, name, href) VALUES ", 4, "repository_id"), cloneUrls, Positioned::ownerId,
                updated, (u, p) -> p
                .string(u.ownerId()).integer(u.position()).string(u.value().name()).string(u.value().href()));
        ChildRows.write(c, dialect, ChildRows.Table.of("repository_app_context", "INSERT INTO repository_app_context "
                + "(repository_id, catalog_name, title, category, lifecycle, owner, application, file_path, commit_id, "
                + "error) VALUES ", 10, "repository_id"), appContexts, Positioned::ownerId, updated,
                (a, p) -> p.string(a.ownerId()).string(a.value().catalogName()).string(a.value().title())
                        .string(a.value().category()).string(a.value().lifecycle()).string(a.value().owner())
                        .string(a.value().application()).string(a.value().filePath()).string(a.value().commit())
                        .string(a.value().error()));
        AssetAttributeRows.write(c, dialect, won, updated);
    }

    /** Upserts the newest of these versions of each user, then the child rows of those it wrote. */
    static void upsertUsers(Connection c, Dialect dialect, List<UserRecord> incoming) throws SQLException {
        if (incoming.isEmpty()) {
            return;
        }
        List<UserRecord> users = LatestVersions.onePerId(incoming, UserRecord::id, UserRecord::version);
        MultiRowStatement.Upserted<UserRecord> upserted = MultiRowStatement.upsert(c, dialect, "users", head(UPSERT_USER),
                tail(UPSERT_USER), 14, users, (u, p) -> p
                .string(u.id()).string(u.serviceType()).string(u.baseUrl()).string(u.accountId())
                .string(u.username()).string(u.displayName()).string(u.email()).nullableBool(u.active())
                .string(u.userType()).bool(u.removed()).string(Timestamps.format(u.removedAt()))
                .string(Timestamps.format(u.firstSeen())).string(Timestamps.format(u.lastSeen())).bigint(u.version()),
                "id", UserRecord::id);
        List<UserRecord> won = upserted.written();
        if (won.isEmpty()) {
            return;
        }
        Set<String> updated = new HashSet<>(ids(upserted.updated(), UserRecord::id));
        List<Positioned<String>> scopes = new ArrayList<>();
        for (UserRecord u : won) {
            scopes.addAll(Positioned.of(u.id(), u.scopes().stream().distinct().toList()));
        }
        ChildRows.write(c, dialect, ChildRows.Table.of("user_scopes", "INSERT INTO user_scopes (user_id, scope) VALUES ",
                2, "user_id"), scopes, Positioned::ownerId, updated, (s, p) -> p.string(s.ownerId()).string(s.value()));
        replaceProfilesAndReasons(c, dialect, USER, updated, won.stream().map(u -> new ListsOf(u.id(), u.profiles(), u.removedReasons())).toList());
    }

    private record ListsOf(String id, List<String> profiles, List<String> reasons) {}

    /** One element of an asset's list with its place in it, ready to be a child row. */
    private record Positioned<T>(String ownerId, int position, T value) {
        static <T> List<Positioned<T>> of(String ownerId, List<T> values) {
            List<Positioned<T>> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                out.add(new Positioned<>(ownerId, i, values.get(i)));
            }
            return out;
        }
    }

    /** Writes the profiles and removal reasons of these assets; only {@code updated} ones can have stored ones. */
    private static void replaceProfilesAndReasons(Connection c, Dialect dialect, String type, Set<String> updated,
                                                  List<ListsOf> assets) throws SQLException {
        List<Positioned<String>> profiles = new ArrayList<>();
        List<Positioned<String>> reasons = new ArrayList<>();
        for (ListsOf a : assets) {
            profiles.addAll(Positioned.of(a.id(), a.profiles().stream().distinct().toList()));
            reasons.addAll(Positioned.of(a.id(), a.reasons()));
        }
        ChildRows.write(c, dialect, new ChildRows.Table("asset_profiles", "INSERT INTO asset_profiles (asset_type, "
                + "asset_id, profile) VALUES ", 3, "asset_id", "asset_type", type), profiles, Positioned::ownerId,
                updated, (pr, p) -> p.string(type).string(pr.ownerId()).string(pr.value()));
        ChildRows.write(c, dialect, new ChildRows.Table("asset_removed_reasons", "INSERT INTO asset_removed_reasons "
                + "(asset_type, asset_id, position, reason) VALUES ", 4, "asset_id", "asset_type", type), reasons,
                Positioned::ownerId, updated,
                (r, p) -> p.string(type).string(r.ownerId()).integer(r.position()).string(r.value()));
    }

    private static <T> List<String> ids(List<T> rows, Function<T, String> id) {
        return rows.stream().map(id).toList();
    }

    private static String head(String upsert) {
        return upsert.substring(0, upsert.indexOf("%s"));
    }

    private static String tail(String upsert) {
        return upsert.substring(upsert.indexOf("%s") + 2);
    }
}
