package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the inventory: repository and user listings with filters and paging, single assets with all their
 * child rows, counts, and the consumer's stored offsets. Every value reaches SQL as a bound parameter. Each method
 * opens its own connection and names what failed; the SQL lives in {@link ListingPages}, {@link RecordAssembly},
 * {@link FacetCounts}, {@link RepositoryFilterSql} and {@link UserFilterSql}.
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
            long total = ListingPages.total(c, filter.from(false) + filter.where(), filter.params());
            PageWindow window = PageWindow.of(q.afterId(), q.beforeId(), q.offset(), q.limit(), total);
            List<Map<String, Object>> rows = ListingPages.rows(c, "SELECT r.*" + filter.from(q.sort().needsAppContext())
                    + filter.where(), filter.params(), window, order, "r.id",
                    id -> ListingPages.repositoryAnchor(c, q.sort(), id));
            return window.page(RecordAssembly.repositories(c, rows), total, RepositoryRecord::id);
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
            return window.trim(RecordAssembly.repositories(c, ListingPages.rows(c, "SELECT r.*" + sql.from(false)
                    + sql.where(), sql.params(), window, ListingOrder.of(RepositorySort.ID, false), "r.id", id -> id)));
        } catch (SQLException e) {
            throw new InventoryDbException("listing repositories from " + db.describe() + " failed", e);
        }
    }

    /** The repository with this id, removed or not. */
    public Optional<RepositoryRecord> repository(String id) {
        try (Connection c = db.connect()) {
            List<Map<String, Object>> rows = JdbcRows.query(c, "SELECT r.* FROM repositories r WHERE r.id = ?",
                    List.of(id), JdbcRows::row);
            return RecordAssembly.repositories(c, rows).stream().findFirst();
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
            List<Map<String, Object>> rows = JdbcRows.query(c,
                    "SELECT r.* FROM repositories r WHERE LOWER(r.full_name) = LOWER(?) ORDER BY r.id", List.of(fullName),
                    JdbcRows::row);
            return RecordAssembly.repositories(c, rows);
        } catch (SQLException e) {
            throw new InventoryDbException("finding repository " + fullName + " in " + db.describe() + " failed", e);
        }
    }

    /** One page of users, ordered by id (seeking or reading from the end as {@link #repositories} does). */
    public Page<UserRecord> users(UserQuery q) {
        RepositoryFilterSql filter = UserFilterSql.of(q);
        String where = filter.where();
        List<Object> params = filter.params();
        try (Connection c = db.connect()) {
            long total = ListingPages.total(c, " FROM users u" + where, params);
            PageWindow window = PageWindow.of(q.afterId(), q.beforeId(), q.offset(), q.limit(), total);
            List<Map<String, Object>> rows = ListingPages.rows(c, "SELECT u.* FROM users u" + where, params, window,
                    USERS_BY_ID, "u.id", id -> id);
            return window.page(RecordAssembly.users(c, rows), total, UserRecord::id);
        } catch (SQLException e) {
            throw new InventoryDbException("listing users from " + db.describe() + " failed", e);
        }
    }

    /** Up to {@code limit} users matching {@code filter}'s filters, by id, after {@code afterId}; uncounted (export). */
    public List<UserRecord> usersById(UserQuery filter, String afterId, int limit) {
        RepositoryFilterSql sql = UserFilterSql.of(filter);
        try (Connection c = db.connect()) {
            PageWindow window = PageWindow.of(afterId, null, 0, limit, -1);
            return window.trim(RecordAssembly.users(c, ListingPages.rows(c, "SELECT u.* FROM users u" + sql.where(),
                    sql.params(), window, USERS_BY_ID, "u.id", id -> id)));
        } catch (SQLException e) {
            throw new InventoryDbException("listing users from " + db.describe() + " failed", e);
        }
    }

    /** The user with this id, removed or not. */
    public Optional<UserRecord> user(String id) {
        try (Connection c = db.connect()) {
            List<Map<String, Object>> rows = JdbcRows.query(c, "SELECT u.* FROM users u WHERE u.id = ?", List.of(id),
                    JdbcRows::row);
            return RecordAssembly.users(c, rows).stream().findFirst();
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
        return userCounts(UserFacet.PROFILE, removed);
    }

    /** The workspaces/projects users were listed in, with how many users each (present ones unless asked). */
    public List<ValueCount> userScopes(RemovedFilter removed) {
        return userCounts(UserFacet.SCOPE, removed);
    }

    private List<ValueCount> userCounts(UserFacet facet, RemovedFilter removed) {
        List<Object> params = new ArrayList<>();
        String sql = facet.countSql(removed, params);
        try (Connection c = db.connect()) {
            return JdbcRows.query(c, sql, params, rs -> new ValueCount(rs.getString("v"), rs.getLong("n")));
        } catch (SQLException e) {
            throw new InventoryDbException("counting users by " + facet.description + " in " + db.describe()
                    + " failed", e);
        }
    }

    /** The stored resume positions for these topics (absent: never written). */
    public Map<String, Map<Integer, Long>> offsets(Collection<String> topics) {
        Map<String, Map<Integer, Long>> out = new HashMap<>();
        try (Connection c = db.connect()) {
            for (String topic : topics) {
                for (PartitionOffset o : JdbcRows.query(c, "SELECT topic, partition_id, next_offset FROM consumer_offsets"
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
}
