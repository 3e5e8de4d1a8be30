package dev.bbinv.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.sink.SinkRole;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The bench's sink stage: the sink into SQLite and into PostgreSQL, each next to two plain-JDBC baselines in the
 * same database, the repositories table alone ({@link PlainJdbcInsert}) and every table the sink wrote
 * ({@link AllTablesJdbcInsert}).
 * Both sides count the same unit, rows the database holds at the end (repository rows against the first baseline,
 * assets, repositories and users, against the second), and time comparable spans: the baselines their insert loops,
 * the sink from its first polled records to lag zero. The sink's start-up (migrations, consumer group join,
 * seeking to the stored offsets) is reported apart, and with it the rate from start.
 * Like the enricher's, the three run in turn {@value SizeRun#REPLAY_ROUNDS} times, each round into a new database under a
 * new consumer group, and each figure is the best of its rounds: whichever side runs first in a round would
 * otherwise also pay for warming up the JDBC driver they share, and other load only ever slows a round down.
 */
final class SinkStage {
    private static final Logger LOG = LoggerFactory.getLogger(SinkStage.class);

    private final int n;
    private final Path dir;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    SinkStage(int n, Path dir) {
        this.n = n;
        this.dir = dir;
    }

    /** Runs the stage against the inventory topics the first inventory filled; returns its figures in print order. */
    Map<String, Object> run(Map<String, Object> common, Admin admin, String bootstrap) throws Exception {
        long records = RecordCounter.count(bootstrap, SizeRun.INVENTORY, Duration.ofMinutes(5));
        figures.put("sink_input_records", records);
        List<SinkRound> sqlite = new ArrayList<>();
        List<SinkRound> postgres = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start()) {
            for (int round = 0; round < SizeRun.REPLAY_ROUNDS; round++) {
                String file = "jdbc:sqlite:" + dir.resolve("sink-" + round + ".db").toAbsolutePath();
                sqlite.add(sinkRound(common, admin, file, null, "bench-sink-sqlite-" + round));
                String url = newPostgresDatabase(pg, "bench_sink_" + round);
                postgres.add(sinkRound(common, admin, url, "postgres", "bench-sink-pg-" + round));
            }
        }
        sinkFigures("sqlite", records, SinkRound.best(sqlite));
        sinkFigures("postgres", records, SinkRound.best(postgres));
        return figures;
    }

    /** One round of one database: the sink, then both baselines over the rows it wrote. */
    record SinkRound(SinkTiming sink, long repositories, long assets, double plainRowsPerSecond,
            AllTablesJdbcInsert.Result all) {
        /**
         * The best of each figure on its own: the shortest from start, start-up and writing, the fastest baselines.
         * From start is a round's own total, never the shortest start-up plus the shortest writing of two rounds.
         */
        static SinkRound best(List<SinkRound> rounds) {
            SinkTiming sink = new SinkTiming(
                    rounds.stream().mapToDouble(r -> r.sink().fromStartSeconds()).min().orElseThrow(),
                    rounds.stream().mapToDouble(r -> r.sink().startupSeconds()).min().orElseThrow(),
                    rounds.stream().mapToDouble(r -> r.sink().writingSeconds()).min().orElseThrow(),
                    rounds.stream().mapToLong(r -> r.sink().batches()).min().orElseThrow(),
                    rounds.stream().mapToDouble(r -> r.sink().consumerCpuSeconds()).min().orElseThrow());
            AllTablesJdbcInsert.Result all = rounds.stream().map(SinkRound::all)
                    .min(java.util.Comparator.comparingDouble(AllTablesJdbcInsert.Result::seconds)).orElseThrow();
            double allCpu = rounds.stream().mapToDouble(r -> r.all().cpuSeconds()).min().orElseThrow();
            return new SinkRound(sink, rounds.get(0).repositories(), rounds.get(0).assets(),
                    rounds.stream().mapToDouble(SinkRound::plainRowsPerSecond).max().orElseThrow(),
                    new AllTablesJdbcInsert.Result(all.assets(), all.rows(), all.seconds(), allCpu));
        }
    }

    private SinkRound sinkRound(Map<String, Object> common, Admin admin, String url, String user, String group)
            throws Exception {
        SinkTiming sink = timeSink(common, admin, url, user, group);
        long repositories = rows(url, user, "repositories");
        long assets = repositories + rows(url, user, "users");
        double plain = PlainJdbcInsert.rowsPerSecond(url, user, user);
        AllTablesJdbcInsert.Result all = AllTablesJdbcInsert.run(url, user, user);
        LOG.info("N={}: sink into {}: {} s start-up, {} s writing; plain JDBC {} repository rows/s; "
                + "all tables {} rows of {} assets in {} s", n, group, sink.startupSeconds(), sink.writingSeconds(),
                plain, all.rows(), all.assets(), all.seconds());
        return new SinkRound(sink, repositories, assets, plain, all);
    }

    private static String newPostgresDatabase(EmbeddedPostgres pg, String name) throws java.sql.SQLException {
        try (java.sql.Connection c = pg.getPostgresDatabase().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private void sinkFigures(String db, long records, SinkRound best) {
        SinkTiming sink = best.sink();
        long repositories = best.repositories();
        long assets = best.assets();
        double plain = best.plainRowsPerSecond();
        AllTablesJdbcInsert.Result all = best.all();
        String p = "sink_" + db;
        figures.put(p + "_startup_s", sink.startupSeconds());
        figures.put(p + "_writing_s", sink.writingSeconds());
        figures.put(p + "_transactions", sink.batches());
        figures.put(p + "_records_per_s", records / sink.writingSeconds());
        figures.put(p + "_rows_per_s_from_start", repositories / sink.fromStartSeconds());
        figures.put(p + "_rows_per_s", repositories / sink.writingSeconds());
        figures.put("plain_jdbc_" + db + "_rows_per_s", plain);
        figures.put(p + "_vs_plain_jdbc", repositories / sink.writingSeconds() / plain);
        figures.put(p + "_assets_per_s", assets / sink.writingSeconds());
        figures.put("plain_jdbc_" + db + "_all_tables_assets_per_s", all.assetsPerSecond());
        figures.put(p + "_vs_plain_jdbc_all_tables", assets / sink.writingSeconds() / all.assetsPerSecond());
        figures.put("plain_jdbc_" + db + "_all_tables_vs_one_table", all.assetsPerSecond() / plain);
        // Under a loaded machine wall time is mostly waiting for a core; CPU time of the writing thread is not. On
        // SQLite it holds the database's work on both sides; on PostgreSQL only the client's (the server is apart).
        figures.put(p + "_consumer_cpu_s", sink.consumerCpuSeconds());
        figures.put("plain_jdbc_" + db + "_all_tables_cpu_s", all.cpuSeconds());
        figures.put(p + "_vs_plain_jdbc_all_tables_cpu", all.cpuSeconds() / sink.consumerCpuSeconds());
    }

    /**
     * Seconds from SinkRole.start to lag zero (from start), split at the first polled records into start-up and
     * writing.
     */
    record SinkTiming(double fromStartSeconds, double startupSeconds, double writingSeconds, long batches,
            double consumerCpuSeconds) {}

    private SinkTiming timeSink(Map<String, Object> common, Admin admin, String jdbc, String user, String group)
            throws Exception {
        Map<String, Object> settings = new HashMap<>(common);
        settings.putAll(Map.of("inventory.jdbc.url", jdbc, "sink.group.id", group, "api.enabled", false));
        if (user != null) {
            settings.put("inventory.jdbc.user", user);
            settings.put("inventory.jdbc.password", user);
        }
        long start = System.nanoTime();
        try (SinkRole sink = SinkRole.start(settings)) {
            ReplayTiming.awaitCaughtUp(admin, group, SizeRun.INVENTORY, Duration.ofMinutes(20));
            long end = System.nanoTime();
            long first = sink.stats().firstRecordsNanos();
            return new SinkTiming((end - start) / 1e9, (first - start) / 1e9, (end - first) / 1e9,
                    sink.stats().batchesCommitted(), threadCpuSeconds("bbinv-sink-consumer"));
        }
    }

    /** CPU time of the live thread of that name: the sink's consume loop, SQLite's work included (it runs in JNI). */
    private static double threadCpuSeconds(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()) / 1e9;
            }
        }
        return Double.NaN;
    }

    private static long rows(String url, String user, String table) throws java.sql.SQLException {
        try (java.sql.Connection c = TableCopies.connect(url, user, user); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
