package dev.bbinv.sink.db;

import static dev.bbinv.sink.db.JdbcRows.bool;
import static dev.bbinv.sink.db.JdbcRows.byId;
import static dev.bbinv.sink.db.JdbcRows.lng;
import static dev.bbinv.sink.db.JdbcRows.str;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of a page of repositories or users ({@link JdbcRows#row}) into records with their child rows:
 * each child table is read once for the whole page, not once per asset.
 */
final class RecordAssembly {
    private RecordAssembly() {}

    /** The repositories of these rows, in their order, with languages, clone URLs, app context, lists. */
    static List<RepositoryRecord> repositories(Connection c, List<Map<String, Object>> rows) throws SQLException {
        List<String> ids = rows.stream().map(r -> str(r, "id")).toList();
        Map<String, List<RepositoryRecord.Language>> languages = byId(c,
                "SELECT * FROM repository_languages WHERE repository_id IN (?) ORDER BY repository_id, position", ids,
                "repository_id", rs -> new RepositoryRecord.Language(rs.getString("name"), rs.getString("raw"),
                        rs.getString("source"), rs.getBoolean("recognised")));
        Map<String, List<RepositoryRecord.CloneUrl>> cloneUrls = byId(c,
                "SELECT * FROM repository_clone_urls WHERE repository_id IN (?) ORDER BY repository_id, position", ids,
                "repository_id", rs -> new RepositoryRecord.CloneUrl(rs.getString("name"), rs.getString("href")));
        Map<String, List<RepositoryRecord.AppContext>> contexts = byId(c,
                "SELECT * FROM repository_app_context WHERE repository_id IN (?)", ids, "repository_id",
                rs -> new RepositoryRecord.AppContext(rs.getString("catalog_name"), rs.getString("title"),
                        rs.getString("category"), rs.getString("lifecycle"), rs.getString("owner"),
                        rs.getString("application"), rs.getString("file_path"), rs.getString("commit_id"),
                        rs.getString("error")));
        Map<String, List<String>> profiles = byId(c, "SELECT * FROM asset_profiles WHERE asset_type = 'repository'"
                + " AND asset_id IN (?) ORDER BY asset_id, profile", ids, "asset_id", rs -> rs.getString("profile"));
        Map<String, List<String>> reasons = byId(c, "SELECT * FROM asset_removed_reasons WHERE asset_type = "
                + "'repository' AND asset_id IN (?) ORDER BY asset_id, position", ids, "asset_id", rs -> rs.getString("reason"));
        Map<String, RepositoryRecord.Attributes> attributes = AssetAttributeRows.read(c, rows);
        List<RepositoryRecord> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String id = str(r, "id");
            List<RepositoryRecord.AppContext> ctx = contexts.getOrDefault(id, List.of());
            out.add(new RepositoryRecord(id, str(r, "name"), str(r, "slug"), str(r, "full_name"),
                    str(r, "service_type"), str(r, "base_url"), str(r, "scope_key"), str(r, "scope_name"),
                    str(r, "project_key"), str(r, "project_name"), str(r, "browse_url"),
                    cloneUrls.getOrDefault(id, List.of()), str(r, "default_branch"), str(r, "visibility"),
                    bool(r, "archived"), str(r, "description"), Timestamps.parse(str(r, "created_at")),
                    Timestamps.parse(str(r, "updated_at")), languages.getOrDefault(id, List.of()),
                    ctx.isEmpty() ? null : ctx.get(0), profiles.getOrDefault(id, List.of()), bool(r, "removed"),
                    reasons.getOrDefault(id, List.of()), Timestamps.parse(str(r, "removed_at")),
                    Timestamps.parse(str(r, "first_seen")), Timestamps.parse(str(r, "last_seen")), lng(r, "version"),
                    attributes.get(id)));
        }
        return out;
    }

    /** The users of these rows, in their order, with their workspaces/projects, profiles and removal reasons. */
    static List<UserRecord> users(Connection c, List<Map<String, Object>> rows) throws SQLException {
        List<String> ids = rows.stream().map(r -> str(r, "id")).toList();
        Map<String, List<String>> scopes = byId(c, "SELECT * FROM user_scopes WHERE user_id IN (?) ORDER BY user_id, scope",
                ids, "user_id", rs -> rs.getString("scope"));
        Map<String, List<String>> profiles = byId(c, "SELECT * FROM asset_profiles WHERE asset_type = 'user'"
                + " AND asset_id IN (?) ORDER BY asset_id, profile", ids, "asset_id", rs -> rs.getString("profile"));
        Map<String, List<String>> reasons = byId(c, "SELECT * FROM asset_removed_reasons WHERE asset_type = 'user'"
                + " AND asset_id IN (?) ORDER BY asset_id, position", ids, "asset_id", rs -> rs.getString("reason"));
        return rows.stream().map(r -> {
            String id = str(r, "id");
            return new UserRecord(id, str(r, "service_type"), str(r, "base_url"), str(r, "account_id"),
                    str(r, "username"), str(r, "display_name"), str(r, "email"), bool(r, "active"),
                    str(r, "user_type"), scopes.getOrDefault(id, List.of()), profiles.getOrDefault(id, List.of()),
                    bool(r, "removed"), reasons.getOrDefault(id, List.of()), Timestamps.parse(str(r, "removed_at")),
                    Timestamps.parse(str(r, "first_seen")), Timestamps.parse(str(r, "last_seen")), lng(r, "version"));
        }).toList();
    }
}
