package dev.bbinv.sink.db;

import static dev.bbinv.sink.db.JdbcRows.bool;
import static dev.bbinv.sink.db.JdbcRows.byId;
import static dev.bbinv.sink.db.JdbcRows.str;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The child rows of a repository's asset attributes ({@code repository_developers}, {@code repository_tags},
 * {@code repository_labels}): written where they changed, read back for a page of rows.
 */
final class AssetAttributeRows {
    private AssetAttributeRows() {}

    private record Row<T>(String repositoryId, int position, T value) {}

    /**
     * Writes the developers, tags and labels of these repositories; only the {@code updated} ones can have stored
     * rows, replaced where they differ ({@link ChildRows}).
     */
    static void write(Connection c, Dialect dialect, List<RepositoryRecord> repositories, Set<String> updated)
            throws SQLException {
        List<Row<RepositoryRecord.Developer>> developers = new ArrayList<>();
        List<Row<RepositoryRecord.Tag>> tags = new ArrayList<>();
        List<Row<RepositoryRecord.Label>> labels = new ArrayList<>();
        for (RepositoryRecord r : repositories) {
            positioned(developers, r.id(), r.attributes().developers());
            positioned(tags, r.id(), r.attributes().tags());
            positioned(labels, r.id(), r.attributes().labels());
        }
        ChildRows.write(c, dialect, ChildRows.Table.of("repository_developers", "INSERT INTO repository_developers "
                + "(repository_id, position, username, display_name, email, url, user_asset_id, discovered_by, "
                + "commit_count, last_commit_at) VALUES ", 10, "repository_id"), developers, Row::repositoryId, updated,
                (d, p) -> p.string(d.repositoryId()).integer(d.position())
                        .string(d.value().username()).string(d.value().displayName()).string(d.value().email())
                        .string(d.value().url()).string(d.value().userAssetId()).string(d.value().discoveredBy())
                        .integer(d.value().commitCount()).string(Timestamps.format(d.value().lastCommitAt())));
        ChildRows.write(c, dialect, ChildRows.Table.of("repository_tags", "INSERT INTO repository_tags (repository_id, "
                + "position, tag_key, tag_value, source) VALUES ", 5, "repository_id"), tags, Row::repositoryId, updated,
                (t, p) -> p.string(t.repositoryId()).integer(t.position())
                        .string(t.value().key()).string(t.value().value()).string(t.value().source()));
        ChildRows.write(c, dialect, ChildRows.Table.of("repository_labels", "INSERT INTO repository_labels "
                + "(repository_id, position, name, source) VALUES ", 4, "repository_id"), labels, Row::repositoryId,
                updated, (l, p) -> p.string(l.repositoryId()).integer(l.position())
                        .string(l.value().name()).string(l.value().source()));
    }

    /** The attributes of each of these repositories, from their columns ({@code row}) and child rows. */
    static Map<String, RepositoryRecord.Attributes> read(Connection c, List<Map<String, Object>> rows) throws SQLException {
        List<String> ids = rows.stream().map(r -> str(r, "id")).toList();
        Map<String, List<RepositoryRecord.Developer>> developers = byId(c, "SELECT * FROM repository_developers WHERE "
                + "repository_id IN (?) ORDER BY repository_id, position", ids, "repository_id",
                rs -> new RepositoryRecord.Developer(rs.getString("username"), rs.getString("display_name"),
                        rs.getString("email"), rs.getString("url"), rs.getString("user_asset_id"),
                        rs.getString("discovered_by"), rs.getInt("commit_count"),
                        Timestamps.parse(rs.getString("last_commit_at"))));
        Map<String, List<RepositoryRecord.Tag>> tags = byId(c, "SELECT * FROM repository_tags WHERE repository_id IN (?)"
                + " ORDER BY repository_id, position", ids, "repository_id", rs -> new RepositoryRecord.Tag(
                rs.getString("tag_key"), rs.getString("tag_value"), rs.getString("source")));
        Map<String, List<RepositoryRecord.Label>> labels = byId(c, "SELECT * FROM repository_labels WHERE "
                + "repository_id IN (?) ORDER BY repository_id, position", ids, "repository_id",
                rs -> new RepositoryRecord.Label(rs.getString("name"), rs.getString("source")));
        Map<String, RepositoryRecord.Attributes> out = new HashMap<>();
        for (Map<String, Object> r : rows) {
            String id = str(r, "id");
            // class_locked is NOT NULL, so bool never returns null here.
            out.put(id, new RepositoryRecord.Attributes(Timestamps.parse(str(r, "last_commit_at")),
                    str(r, "freshness"), developers.getOrDefault(id, List.of()), str(r, "asset_class"),
                    bool(r, "class_locked"), str(r, "class_source"), tags.getOrDefault(id, List.of()),
                    labels.getOrDefault(id, List.of())));
        }
        return out;
    }

    private static <T> void positioned(List<Row<T>> out, String id, List<T> values) {
        for (int i = 0; i < values.size(); i++) {
            out.add(new Row<>(id, i, values.get(i)));
        }
    }
}
