package dev.bbinv.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second baseline for the sink: the same database work with plain batched JDBC. Every row the sink wrote, in
 * every table it writes, is inserted again into copies of those tables (same keys, indexes and foreign keys), a
 * batch of assets per transaction with each asset's child rows and the consumer-offsets row, as the sink's
 * transaction holds them. What it does not do, and the sink must: decode records, upsert guarded by version, replace
 * the children of an asset seen before.
 */
final class AllTablesJdbcInsert {
    static final int BATCH = 500;
    static final String PREFIX = "bench_all_";
    /** Parents first, so that foreign keys hold at each insert. */
    static final List<String> TABLES = List.of("repositories", "users", "repository_languages", "repository_app_context",
            "repository_clone_urls", "repository_developers", "repository_tags", "repository_labels", "user_scopes",
            "asset_profiles", "asset_removed_reasons", "consumer_offsets");
    private static final String OFFSETS = "consumer_offsets";

    /** How many assets and rows were inserted, in how long (the insert loop only: rows are read before). */
    record Result(long assets, long rows, double seconds, double cpuSeconds) {
        double assetsPerSecond() {
            return assets / seconds;
        }
    }

    private AllTablesJdbcInsert() {}

    static Result run(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = TableCopies.connect(jdbcUrl, user, password)) {
            // table → owning asset ("repository:<id>" or "user:<id>") → its rows in that table
            Map<String, Map<String, List<Object[]>>> rows = new LinkedHashMap<>();
            Map<String, Integer> columns = new LinkedHashMap<>();
            List<Object[]> offsets = new ArrayList<>();
            long total = 0;
            for (String table : TABLES) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    columns.put(table, md.getColumnCount());
                    Map<String, List<Object[]>> byOwner = new LinkedHashMap<>();
                    while (rs.next()) {
                        Object[] row = new Object[md.getColumnCount()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        total++;
                        if (table.equals(OFFSETS)) {
                            offsets.add(row);
                        } else {
                            byOwner.computeIfAbsent(owner(table, rs), k -> new ArrayList<>()).add(row);
                        }
                    }
                    rows.put(table, byOwner);
                }
            }
            List<String> assets = new ArrayList<>(rows.get("repositories").keySet());
            assets.addAll(rows.get("users").keySet());
            TableCopies.create(c, TableCopies.postgres(jdbcUrl), PREFIX, TABLES);

            c.setAutoCommit(false);
            Map<String, PreparedStatement> inserts = new LinkedHashMap<>();
            long start = System.nanoTime();
            long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try {
                for (String table : TABLES) {
                    String marks = String.join(",", Collections.nCopies(columns.get(table), "?"));
                    String sql = "INSERT INTO " + PREFIX + table + " VALUES (" + marks + ")";
                    if (table.equals(OFFSETS)) {
                        sql += " ON CONFLICT (topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset, "
                                + "updated_at = excluded.updated_at";
                    }
                    inserts.put(table, c.prepareStatement(sql));
                }
                for (int from = 0; from < assets.size(); from += BATCH) {
                    List<String> batch = assets.subList(from, Math.min(assets.size(), from + BATCH));
                    for (String table : TABLES) {
                        PreparedStatement ps = inserts.get(table);
                        List<List<Object[]>> perAsset = table.equals(OFFSETS) ? List.of(offsets)
                                : batch.stream().map(a -> rows.get(table).getOrDefault(a, List.of())).toList();
                        boolean any = false;
                        for (List<Object[]> assetRows : perAsset) {
                            for (Object[] row : assetRows) {
                                for (int i = 0; i < row.length; i++) {
                                    ps.setObject(i + 1, row[i]);
                                }
                                ps.addBatch();
                                any = true;
                            }
                        }
                        if (any) {
                            ps.executeBatch();
                        }
                    }
                    c.commit();
                }
            } finally {
                for (PreparedStatement ps : inserts.values()) {
                    ps.close();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
            return new Result(assets.size(), total, seconds, cpu);
        }
    }

    /** The asset a row belongs to, from the table's key columns. */
    private static String owner(String table, ResultSet rs) throws SQLException {
        return switch (table) {
            case "repositories" -> "repository:" + rs.getString("id");
            case "users" -> "user:" + rs.getString("id");
            case "user_scopes" -> "user:" + rs.getString("user_id");
            case "asset_profiles", "asset_removed_reasons" -> rs.getString("asset_type") + ":" + rs.getString("asset_id");
            default -> "repository:" + rs.getString("repository_id");
        };
    }
}
