package dev.bbinv.sink.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one child table's rows for the assets an upsert wrote, touching only what changed: a new asset's rows are
 * inserted; an asset that was there before has its stored rows read and compared, and is replaced (delete, insert)
 * only when they differ. A new version of a repository mostly changes its commit data, not its languages, clone
 * URLs or profiles, and a delete plus an insert costs index and WAL writes where a read costs neither.
 */
final class ChildRows {
    private ChildRows() {}

    /**
     * One child table: {@code insertHead} is {@code INSERT INTO t (c1, c2, …) VALUES }, {@code ownerColumn} names the
     * asset's id among the columns, and {@code fixedColumn} (or null) a column every row shares with
     * {@code fixedValue} (asset_type of the profile and reason tables).
     */
    record Table(String name, String insertHead, int columns, String ownerColumn, String fixedColumn, String fixedValue) {
        Table {
            if (!insertHead.startsWith("INSERT INTO " + name + " (") || !insertHead.strip().endsWith("VALUES")) {
                throw new IllegalArgumentException("not an insert into " + name + ": " + insertHead);
            }
        }

        static Table of(String name, String insertHead, int columns, String ownerColumn) {
            return new Table(name, insertHead, columns, ownerColumn, null, null);
        }

        String columnList() {
            return insertHead.substring(insertHead.indexOf('(') + 1, insertHead.indexOf(')'));
        }

        private String whereOwner() {
            return (fixedColumn == null ? "" : fixedColumn + " = ? AND ") + ownerColumn;
        }

        private List<String> fixed() {
            return fixedColumn == null ? List.of() : List.of(fixedValue);
        }
    }

    /**
     * Writes {@code rows} (every row of every asset written) into the table; {@code updated} are the assets that
     * were there before, the only ones that can have stored rows. Returns how many assets' rows were replaced.
     */
    static <T> int write(Connection c, Dialect dialect, Table table, List<T> rows, Function<T, String> owner,
                         Set<String> updated, MultiRowStatement.RowBinder<T> binder) throws SQLException {
        List<String> changed = new ArrayList<>();
        Set<String> skipped = new HashSet<>();
        if (!updated.isEmpty()) {
            Map<String, Set<List<String>>> incoming = incoming(table, rows, owner, updated, binder);
            Map<String, Set<List<String>>> stored = stored(c, dialect, table, new ArrayList<>(updated));
            for (String id : updated) {
                if (incoming.getOrDefault(id, Set.of()).equals(stored.getOrDefault(id, Set.of()))) {
                    skipped.add(id);
                } else {
                    changed.add(id);
                }
            }
            MultiRowStatement.forIds(c, dialect, "DELETE FROM " + table.name() + " WHERE " + table.whereOwner(),
                    table.fixed(), changed);
        }
        List<T> toInsert = skipped.isEmpty() ? rows : rows.stream().filter(r -> !skipped.contains(owner.apply(r))).toList();
        MultiRowStatement.insertValues(c, dialect, table.insertHead(), "", table.columns(), toInsert, binder);
        return changed.size();
    }

    /** The incoming rows of the updated assets, as the text each value is stored as, grouped by asset. */
    private static <T> Map<String, Set<List<String>>> incoming(Table table, List<T> rows, Function<T, String> owner,
            Set<String> updated, MultiRowStatement.RowBinder<T> binder) throws SQLException {
        List<T> ofUpdated = rows.stream().filter(r -> updated.contains(owner.apply(r))).toList();
        RowParams values = RowParams.collecting(table.columns(), ofUpdated.size());
        for (T row : ofUpdated) {
            values.nextRow();
            binder.bind(row, values);
        }
        Map<String, Set<List<String>>> out = new HashMap<>();
        for (int r = 0; r < ofUpdated.size(); r++) {
            List<String> row = new ArrayList<>(table.columns());
            for (int col = 0; col < table.columns(); col++) {
                row.add(canonical(values.value(col, r)));
            }
            out.computeIfAbsent(owner.apply(ofUpdated.get(r)), k -> new HashSet<>()).add(row);
        }
        return out;
    }

    /** The stored rows of these assets, grouped by asset; owner column read by name. */
    private static Map<String, Set<List<String>>> stored(Connection c, Dialect dialect, Table table, List<String> ids)
            throws SQLException {
        Map<String, Set<List<String>>> out = new HashMap<>();
        String select = "SELECT " + table.columnList() + ", " + table.ownerColumn() + " AS owner_key FROM "
                + table.name() + " WHERE " + table.whereOwner();
        MultiRowStatement.selectForIds(c, dialect, select, table.fixed(), ids, rs -> {
            List<String> row = new ArrayList<>(table.columns());
            for (int col = 1; col <= table.columns(); col++) {
                row.add(canonical(rs.getObject(col)));
            }
            out.computeIfAbsent(rs.getString(table.columns() + 1), k -> new HashSet<>()).add(row);
        });
        return out;
    }

    /**
     * Pure: one text per value whichever way it comes (a bound Java value, SQLite's integers for booleans,
     * PostgreSQL's booleans), so that stored and incoming rows compare equal when they hold the same data.
     */
    static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return value.toString();
    }
}
