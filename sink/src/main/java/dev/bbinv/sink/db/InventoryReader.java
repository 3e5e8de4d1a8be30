package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the inventory: repository and user listings with filters and paging, single assets with all their
 * child rows, counts, and the consumer's stored offsets. Every value reaches SQL as a bound parameter.
 */
public final class InventoryReader {
    private static final ListingOrder USERS_BY_ID = new ListingOrder("u.id", false, false, false);

    private final Database db;

    public InventoryReader(Database db) {
        this.db = db;
    }

    /**
     * One page of repositories matching the query, each with its languages, app context and lists. A page after or
     * before a repository seeks to it; an offset past the middle is read from the end, so the last page costs what
     * the first does.
     */
    public Page<RepositoryRecord> repositories(RepositoryQuery q) {
        RepositoryFilterSql filter = RepositoryFilterSql.of(q);
        ListingOrder order = ListingOrder.of(q.sort(), q.descending());
        try (Connection c = db.connect()) {
            long total = count(c, "SELECT COUNT(*) AS n" + filter.from(false) + filter.where(), filter.params());
            PageWindow window = PageWindow.of(q.afterId(), q.beforeId(), q.offset(), q.limit(), total);
            List<Map<String, Object>> rows = rows(c, "SELECT r.*" + filter.from(q.sort().needsAppContext())
                    + filter.where(), filter.params(), window, order, "r.id", id -> anchorValue(c, q.sort(), id));
            return window.page(withChildren(c, rows), total, RepositoryRecord::id);
        } catch (SQLException e) {
            throw new InventoryDbException("listing repositories from " + db.describe() + " failed", e);
        }
    }

    /**
     * Up to {@code limit} repositories matching {@code filter}'s filters (its order and page are ignored), by id, the
     * first after {@code afterId} (null: from the start); uncounted: how an export walks every match.
     */
    public List<RepositoryRecord> repositoriesById(RepositoryQuery filter, String afterId, int limit) {
        RepositoryFilterSql sql = RepositoryFilterSql.of(filter);
        try (Connection c = db.connect()) {
            PageWindow window = PageWindow.of(afterId, null, 0, limit, -1);
            return window.trim(withChildren(c, rows(c, "SELECT r.*" + sql.from(false) + sql.where(), sql.params(),
                    window, ListingOrder.of(RepositorySort.ID, false), "r.id", id -> id)));
        } catch (SQLException e) {
            throw new InventoryDbException("listing repositories from " + db.describe() + " failed", e);
        }
    }

    /** The value of the sort column of the repository the page starts from; it must still be there. */
    private Object anchorValue(Connection c, RepositorySort sort, String id) throws SQLException {
        if (sort == RepositorySort.ID) {
            return id;
        }
        List<Object[]> found = query(c, "SELECT " + sort.column + " AS v" + (sort.needsAppContext()
                ? RepositoryFilterSql.FROM : RepositoryFilterSql.FROM_REPOSITORIES) + " WHERE r.id = ?", List.of(id),
                rs -> new Object[] {rs.getObject("v")});
        if (found.isEmpty()) {
            throw new PageAnchorGoneException("no repository with id '" + id + "' to page from");
        }
        return found.get(0)[0];
    }

    @FunctionalInterface
    private interface AnchorValue {
        Object of(String id) throws SQLException;
    }

    /** The rows of {@code window} of the listing {@code select} (a SELECT ... FROM ... WHERE) in {@code order}. */
    private static List<Map<String, Object>> rows(Connection c, String select, List<Object> params, PageWindow window,
            ListingOrder order, String idColumn, AnchorValue anchor) throws SQLException {
        Object anchorValue = window.anchorId() == null ? null : anchor.of(window.anchorId());
        List<Object> all = new ArrayList<>(params);
        List<Map<String, Object>> rows = query(c, pageSql(select, window, order, idColumn, anchorValue, all), all,
                InventoryReader::row);
        return window.backwards() ? window.inListingOrder(rows) : rows;
    }

    /** Pure: the SQL of {@code window} of the listing {@code select}; its parameters are added to {@code params}. */
    static String pageSql(String select, PageWindow window, ListingOrder order, String idColumn, Object anchorValue,
            List<Object> params) {
        ListingOrder walk = window.backwards() ? order.reverse() : order;
        StringBuilder sql = new StringBuilder(select);
        if (window.anchorId() != null) {
            sql.append(walk.after(idColumn, anchorValue, window.anchorId(), params));
        }
        params.add(window.limit());
        params.add(window.offset());
        return sql.append(walk.orderBy(idColumn)).append(" LIMIT ? OFFSET ?").toString();
    }

    private static long count(Connection c, String sql, List<Object> params) throws SQLException {
        return query(c, sql, params, rs -> rs.getLong("n")).get(0);
    }

    /** The repository with this id, removed or not. */
    public Optional<RepositoryRecord> repository(String id) {
        try (Connection c = db.connect()) {
            List<Map<String, Object>> rows = query(c, "SELECT r.* FROM repositories r WHERE r.id = ?", List.of(id),
                    InventoryReader::row);
            return withChildren(c, rows).stream().findFirst();
        } catch (SQLException e) {
            throw new InventoryDbException("reading repository " + id + " from " + db.describe() + " failed", e);
        }
    }

    /**
     * The repositories whose full name ({@code workspace/slug} or {@code PROJECT/slug}) is this one, ignoring case;
     * more than one when several instances hold the same name.
     */
    public List<RepositoryRecord> repositoriesByFullName(String fullName) {
        try (Connection c = db.connect()) {
            List<Map<String, Object>> rows = query(c,
                    "SELECT r.* FROM repositories r WHERE LOWER(r.full_name) = LOWER(?) ORDER BY r.id", List.of(fullName),
                    InventoryReader::row);
            return withChildren(c, rows);
        } catch (SQLException e) {
            throw new InventoryDbException("finding repository " + fullName + " in " + db.describe() + " failed", e);
        }
    }

    /** One page of users, ordered by id (seeking or reading from the end as {@link #repositories} does). */
    public Page<UserRecord> users(UserQuery q) {
        RepositoryFilterSql filter = userFilter(q);
        String where = filter.where();
        List<Object> params = filter.params();
        try (Connection c = db.connect()) {
            long total = count(c, "SELECT COUNT(*) AS n FROM users u" + where, params);
            PageWindow window = PageWindow.of(q.afterId(), q.beforeId(), q.offset(), q.limit(), total);
            List<Map<String, Object>> rows = rows(c, "SELECT u.* FROM users u" + where, params, window, USERS_BY_ID,
                    "u.id", id -> id);
            return window.page(usersWithChildren(c, rows), total, UserRecord::id);
        } catch (SQLException e) {
            throw new InventoryDbException("listing users from " + db.describe() + " failed", e);
        }
    }

    /** Up to {@code limit} users matching {@code filter}'s filters, by id, after {@code afterId}; uncounted (export). */
    public List<UserRecord> usersById(UserQuery filter, String afterId, int limit) {
        RepositoryFilterSql sql = userFilter(filter);
        try (Connection c = db.connect()) {
            PageWindow window = PageWindow.of(afterId, null, 0, limit, -1);
            return window.trim(usersWithChildren(c, rows(c, "SELECT u.* FROM users u" + sql.where(), sql.params(),
                    window, USERS_BY_ID, "u.id", id -> id)));
        } catch (SQLException e) {
            throw new InventoryDbException("listing users from " + db.describe() + " failed", e);
        }
    }

    /** The WHERE clause and parameters of a user query's filters, over {@code users u}. */
    private static RepositoryFilterSql userFilter(UserQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.profile() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM asset_profiles p WHERE p.asset_type = 'user'"
                    + " AND p.asset_id = u.id AND p.profile = ?)");
            params.add(q.profile());
        }
        removedFilter(where, params, q.removed() == null ? RemovedFilter.ANY : q.removed(), "u");
        if (q.scope() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM user_scopes s WHERE s.user_id = u.id AND LOWER(s.scope) = LOWER(?))");
            params.add(q.scope());
        }
        if (q.nameContains() != null) {
            where.append(" AND (LOWER(u.username) LIKE LOWER(?) ESCAPE '!' OR LOWER(u.display_name) LIKE LOWER(?) ESCAPE '!')");
            params.add(containsPattern(q.nameContains()));
            params.add(containsPattern(q.nameContains()));
        }
        return new RepositoryFilterSql(where.toString(), List.copyOf(params), false);
    }

    /** The user with this id, removed or not. */
    public Optional<UserRecord> user(String id) {
        try (Connection c = db.connect()) {
            List<Map<String, Object>> rows = query(c, "SELECT u.* FROM users u WHERE u.id = ?", List.of(id),
                    InventoryReader::row);
            return usersWithChildren(c, rows).stream().findFirst();
        } catch (SQLException e) {
            throw new InventoryDbException("reading user " + id + " from " + db.describe() + " failed", e);
        }
    }

    /** Repositories per language, owner or lifecycle, most first, then by value (every value: no top). */
    public List<ValueCount> counts(CountDimension dimension, RemovedFilter removed) {
        RepositoryFacet facet = switch (dimension) {
            case LANGUAGES -> RepositoryFacet.LANGUAGE;
            case OWNERS -> RepositoryFacet.OWNER;
            case LIFECYCLES -> RepositoryFacet.LIFECYCLE;
        };
        RepositoryQuery q = new RepositoryQuery(null, null, null, null, null, null, null, removed, null,
                RepositorySort.ID, false, 1, 0, null);
        try (Connection c = db.connect()) {
            return FacetCounts.one(c, q, facet, Integer.MAX_VALUE);
        } catch (SQLException e) {
            throw new InventoryDbException("counting repositories by " + dimension + " failed", e);
        }
    }

    /**
     * Per facet, how many repositories have each value among those matching the query's other filters (a facet's own
     * filter is left out, so its drop-down still offers the other values); most first, at most {@code top} values.
     */
    public Map<RepositoryFacet, List<ValueCount>> facets(RepositoryQuery q, int top) {
        try (Connection c = db.connect()) {
            return FacetCounts.count(c, q, top);
        } catch (SQLException e) {
            throw new InventoryDbException("counting repositories by facet in " + db.describe() + " failed", e);
        }
    }

    /** The profiles that see users, with how many users each (present ones unless asked); most first. */
    public List<ValueCount> userProfiles(RemovedFilter removed) {
        StringBuilder where = new StringBuilder(" WHERE p.asset_type = 'user'");
        List<Object> params = new ArrayList<>();
        removedFilter(where, params, removed, "u");
        try (Connection c = db.connect()) {
            return query(c, "SELECT p.profile AS v, COUNT(*) AS n FROM users u JOIN asset_profiles p ON p.asset_id = u.id"
                    + where + " GROUP BY p.profile ORDER BY COUNT(*) DESC, p.profile", params,
                    rs -> new ValueCount(rs.getString("v"), rs.getLong("n")));
        } catch (SQLException e) {
            throw new InventoryDbException("counting users by profile in " + db.describe() + " failed", e);
        }
    }

    /** The workspaces/projects users were listed in, with how many users each (present ones unless asked). */
    public List<ValueCount> userScopes(RemovedFilter removed) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        removedFilter(where, params, removed, "u");
        try (Connection c = db.connect()) {
            return query(c, "SELECT s.scope AS v, COUNT(*) AS n FROM users u JOIN user_scopes s ON s.user_id = u.id"
                    + where + " GROUP BY s.scope ORDER BY COUNT(*) DESC, s.scope", params,
                    rs -> new ValueCount(rs.getString("v"), rs.getLong("n")));
        } catch (SQLException e) {
            throw new InventoryDbException("counting users by workspace/project in " + db.describe() + " failed", e);
        }
    }

    /** The stored resume positions for these topics (absent: never written). */
    public Map<String, Map<Integer, Long>> offsets(Collection<String> topics) {
        Map<String, Map<Integer, Long>> out = new HashMap<>();
        try (Connection c = db.connect()) {
            for (String topic : topics) {
                for (PartitionOffset o : query(c, "SELECT topic, partition_id, next_offset FROM consumer_offsets"
                        + " WHERE topic = ?", List.of(topic), rs -> new PartitionOffset(rs.getString("topic"),
                        rs.getInt("partition_id"), rs.getLong("next_offset")))) {
                    out.computeIfAbsent(o.topic(), t -> new HashMap<>()).put(o.partition(), o.nextOffset());
                }
            }
            return out;
        } catch (SQLException e) {
            throw new InventoryDbException("reading the sink's offsets from " + db.describe() + " failed", e);
        }
    }

    private static void removedFilter(StringBuilder where, List<Object> params, RemovedFilter removed) {
        removedFilter(where, params, removed, "r");
    }

    private static void removedFilter(StringBuilder where, List<Object> params, RemovedFilter removed, String alias) {
        if (removed == RemovedFilter.PRESENT_ONLY || removed == RemovedFilter.REMOVED_ONLY) {
            where.append(" AND ").append(alias).append(".removed = ?");
            params.add(removed == RemovedFilter.REMOVED_ONLY);
        }
    }

    /** A LIKE pattern matching the text anywhere, with the pattern characters in the text escaped. */
    static String containsPattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> query(Connection c, String sql, List<?> params, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String s) {
                ps.setString(i + 1, s);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if (p != null) {
                // A value read back from a column (a page's anchor), bound as the driver read it.
                ps.setObject(i + 1, p);
            } else {
                throw new IllegalArgumentException("a null parameter cannot be bound untyped");
            }
        }
    }

    /** A row as column name to value, booleans normalised (SQLite returns them as integers). */
    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        int n = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= n; i++) {
            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
        }
        return row;
    }

    private static String str(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    private static Boolean bool(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        return Boolean.parseBoolean(v.toString()) || "1".equals(v.toString());
    }

    private static long lng(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static <T> Map<String, List<T>> byId(Connection c, String sql, List<String> ids, String idColumn,
                                                 RowMapper<T> mapper) throws SQLException {
        Map<String, List<T>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>(ids);
        try (PreparedStatement ps = c.prepareStatement(sql.replace("(?)", "(" + placeholders(ids.size()) + ")"))) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, (String) params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(idColumn), k -> new ArrayList<>()).add(mapper.map(rs));
                }
            }
        }
        return out;
    }

    private static List<RepositoryRecord> withChildren(Connection c, List<Map<String, Object>> rows) throws SQLException {
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

    private static List<UserRecord> usersWithChildren(Connection c, List<Map<String, Object>> rows) throws SQLException {
        List<String> ids = rows.stream().map(r -> str(r, "id")).toList();
        Map<String, List<String>> scopes = byId(c, "SELECT * FROM user_scopes WHERE user_id IN (?) ORDER BY user_id, scope",
                ids, "user_id", rs -> rs.getString("scope"));
        Map<String, List<String>> profiles = byId(c, "SELECT * FROM asset_profiles WHERE asset_type = 'user'"
                + " AND asset_id IN (?) ORDER BY asset_id, profile", ids, "asset_id", rs -> rs.getString("profile"));
        Map<String, List<String>> reasons = byId(c, "SELECT * FROM asset_removed_reasons WHERE asset_type = 'user'"
                + " AND asset_id IN (?) ORDER BY asset_id, position", ids, "asset_id", rs -> rs.getString("reason"));
        Function<Map<String, Object>, UserRecord> toUser = r -> {
            String id = str(r, "id");
            return new UserRecord(id, str(r, "service_type"), str(r, "base_url"), str(r, "account_id"),
                    str(r, "username"), str(r, "display_name"), str(r, "email"), bool(r, "active"),
                    str(r, "user_type"), scopes.getOrDefault(id, List.of()), profiles.getOrDefault(id, List.of()),
                    bool(r, "removed"), reasons.getOrDefault(id, List.of()), Timestamps.parse(str(r, "removed_at")),
                    Timestamps.parse(str(r, "first_seen")), Timestamps.parse(str(r, "last_seen")), lng(r, "version"));
        };
        return rows.stream().map(toUser).toList();
    }
}
