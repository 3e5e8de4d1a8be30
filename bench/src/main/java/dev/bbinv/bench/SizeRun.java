package dev.bbinv.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.ops.ConsumerLagReader;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sink.SinkRole;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Runs every measurement for one estate size on a fresh embedded stack and returns the figures by name. */
final class SizeRun {
    private static final Logger LOG = LoggerFactory.getLogger(SizeRun.class);
    static final int WORKSPACES = 2;
    static final long SEED = 7;
    static final int PAGE_SIZE = 100;
    static final int CHANGES = 200;
    static final long POLL_INTERVAL_MS = 1_000;
    static final String COMMITS_ROUTE = "GET /2.0/repositories/{workspace}/{repo_slug}/commits/{revision}";
    static final String SEARCH_ROUTE = "GET /2.0/workspaces/{workspace}/search/code";
    /** The connector's defaults: commits.window.days and commits.max.pages. */
    static final Duration COMMIT_WINDOW = Duration.ofDays(90);
    static final int COMMIT_MAX_PAGES = 10;
    static final List<String> RAW = Topics.names(Topics.ENRICHER_INPUTS);
    static final List<String> INVENTORY = Topics.names(Topics.INVENTORY_TOPICS);
    /** Rounds of the enricher stage (enricher, pass-through, decoding baseline in turn); each figure is the best. */
    static final int REPLAY_ROUNDS = 3;

    private final int n;
    private final Path dir;
    private final HeapSampler heap;
    private final Set<String> stages;
    /** The simulator process's -Xmx, e.g. {@code 4g}. */
    private final String simHeap;
    /** The connector's catalog.fetch.concurrency and commits.read.concurrency; null: its defaults. */
    private final Integer fetchConcurrency;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    /** The simulator's estate figures, read once by the pipeline stage. */
    private SimulatorProcess.Estate estate;

    SizeRun(int n, Path dir, HeapSampler heap, Set<String> stages, String simHeap, Integer fetchConcurrency) {
        this.n = n;
        this.fetchConcurrency = fetchConcurrency;
        this.simHeap = simHeap;
        this.dir = dir;
        this.heap = heap;
        this.stages = stages;
    }

    Map<String, Object> run() throws Exception {
        heap.reset();
        figures.put("n", n);
        Files.createDirectories(dir);
        List<String> command = SimulatorProcess.command(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), System.getProperty("java.class.path"), simHeap, SEED, WORKSPACES, n, members(n));
        try (SimulatorProcess sim = SimulatorProcess.start(command, dir.resolve("simulator.log"), Duration.ofMinutes(10));
             EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(0)) {
            LOG.info("N={}: simulator in process {} (-Xmx{}) at {}", n, sim.pid(), simHeap, sim.cloudApiBase());
            String bootstrap = kafka.bootstrapServers();
            EmbeddedKafka.ensureTopics(bootstrap, Topics.all(1));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(PassThroughTopology.OUTPUT, 1, (short) 1),
                        new NewTopic(DecodingBaselineTopology.OUTPUT, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                Map<String, Object> common = Map.of("kafka.bootstrap.servers", bootstrap,
                        "schema.registry.url", registry.url().toString());
                pipeline(sim, common, admin);
                if (stages.contains("sinks")) {
                    sinks(common, admin, bootstrap);
                }
                if (stages.contains("enricher")) {
                    enricher(common, admin, bootstrap);
                }
                if (stages.contains("search-off")) {
                    searchOffScan(sim, common);
                }
            }
        }
        figures.put("peak_heap_mib", heap.peakBytes() / (1024.0 * 1024.0));
        return figures;
    }

    /** Workspace members of the bench estate: one in twenty repositories' worth, five at least per workspace. */
    static int members(int n) {
        return Math.max(5, n / 20 / WORKSPACES);
    }

    /** The bench profile over the simulator's workspaces, catalog files on. */
    private static Profile profile(String name, SimulatorProcess sim, SimulatorProcess.Estate estate) {
        return Profile.cloud(name, URI.create(sim.cloudApiBase()),
                Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                estate.workspaces().stream().map(SimulatorProcess.Workspace::slug).toList())
                .withCatalog(new CatalogSettings(true, estate.catalogPath(), Map.of()));
    }

    /** Connector requests and throughput, time to first inventory, end-to-end latency: the whole pipeline running. */
    private void pipeline(SimulatorProcess sim, Map<String, Object> common, Admin admin) throws Exception {
        String jdbc = "jdbc:sqlite:" + dir.resolve("e2e.db").toAbsolutePath();
        Map<String, Object> settings = new HashMap<>(common);
        settings.putAll(Map.of("inventory.jdbc.url", jdbc, "sink.group.id", "bench-sink", "api.enabled", false,
                "poll.interval.ms", POLL_INTERVAL_MS, "request.budget.per.hour", 100_000_000,
                "progress.interval.ms", 60_000L, "request.rate.per.second", 1_000_000.0,
                "request.rate.burst", 1_000_000));
        settings.putAll(streamsSettings("bench-enricher"));
        if (fetchConcurrency != null) {
            settings.put("catalog.fetch.concurrency", fetchConcurrency);
            settings.put("commits.read.concurrency", fetchConcurrency);
        }
        Instant now = Instant.now();
        estate = sim.estate(now.minus(COMMIT_WINDOW));
        Profile profile = profile("bench", sim, estate);
        long catalogFiles = 0;
        long members = 0;
        long minimumListings = 0;
        long searchPages = 0;
        for (SimulatorProcess.Workspace w : estate.workspaces()) {
            catalogFiles += w.catalogFiles();
            members += w.members();
            minimumListings += ceilDiv(w.repositories(), PAGE_SIZE) + ceilDiv(w.members(), PAGE_SIZE);
            searchPages += Math.max(1, ceilDiv(w.catalogFiles(), PAGE_SIZE));
        }
        long minimumCommits = 0;
        for (SimulatorProcess.CommitShape shape : estate.commitShapes()) {
            minimumCommits += shape.repositories() * CommitFloor.requests(shape.commits(), shape.inWindow(),
                    shape.hasBranch(), PAGE_SIZE, COMMIT_MAX_PAGES);
        }
        // The floor of a first complete scan: every listing page, every page of the catalog search, every existing
        // file, and the commit pages of each repository's window.
        long minimumFull = minimumListings + searchPages + catalogFiles + minimumCommits;
        sim.resetRequests();
        long start = System.nanoTime();
        try (SinkRole sink = SinkRole.start(settings); EnricherRole enricher = EnricherRole.start(settings)) {
            ConnectorRole connector = ConnectorRole.start(settings, List.of(profile));
            connector.firstCompleteSync().get(20 + n / 10_000, TimeUnit.MINUTES);
            double connectorSeconds = seconds(start);
            Map<String, Long> byRoute = sim.countsByRoute();
            long fullRequests = byRoute.values().stream().mapToLong(Long::longValue).sum();
            long commitRequests = byRoute.getOrDefault(COMMITS_ROUTE, 0L);
            LOG.info("N={}: connector first sync in {} s, {} requests by route {}", n, connectorSeconds, fullRequests,
                    byRoute);
            awaitRows(jdbc, n, Duration.ofMinutes(20 + n / 20_000));
            double inventorySeconds = seconds(start);
            figures.put("requests_full_scan", fullRequests);
            figures.put("requests_full_scan_search_off", null); // measured last (searchOffScan), shown here
            figures.put("requests_full_scan_minimum", minimumFull);
            figures.put("requests_full_scan_vs_minimum", (double) fullRequests / minimumFull);
            figures.put("requests_full_scan_search_pages", byRoute.getOrDefault(SEARCH_ROUTE, 0L));
            figures.put("requests_commits_first_scan", commitRequests);
            figures.put("requests_commits_first_scan_minimum", minimumCommits);
            figures.put("connector_entities", n + members + catalogFiles);
            figures.put("connector_entities_per_s", (n + members + catalogFiles) / connectorSeconds);
            figures.put("first_inventory_s", inventorySeconds);
            // Said as soon as known: the stages after it take long at a million, and this is the run's main figure.
            LOG.info("N={}: first complete inventory in {} s ({} requests, floor {}); peak heap so far {} MiB", n,
                    Math.round(inventorySeconds), fullRequests, minimumFull, Math.round(heap.peakBytes() / 1048576.0));
            if (!stages.contains("e2e")) {
                connector.close();
                return;
            }
            figures.put("requests_incremental_unchanged", incrementalRequests(sim));
            figures.put("requests_incremental_minimum", 2L * estate.workspaces().size());
            connector.close();
            figures.put("requests_full_scan_repeat", repeatedCompleteScanRequests(sim, settings, profile));
            long repeatCommitRequests = sim.count(COMMITS_ROUTE);
            figures.put("requests_full_scan_repeat_minimum", minimumListings);
            figures.put("requests_commits_repeat_unchanged", repeatCommitRequests);
            figures.put("requests_commits_repeat_minimum", 0L);
            connector = ConnectorRole.start(settings, List.of(profile));
            List<String> uuids = sim.sample(CHANGES);
            long[] latencies = LatencyProbe.run(sim::setDescription, jdbc, uuids, Duration.ofMillis(25),
                    Duration.ofMinutes(3));
            figures.put("e2e_changes", latencies.length);
            figures.put("e2e_p50_ms", Percentiles.of(latencies, 50));
            figures.put("e2e_p99_ms", Percentiles.of(latencies, 99));
            connector.close();
        }
    }

    /**
     * Requests of a first complete scan with code search switched off (404, as a workspace without search answers):
     * a new profile, so nothing is known yet, probing every repository. Run after the other stages so its events do
     * not change what they measure.
     */
    private void searchOffScan(SimulatorProcess sim, Map<String, Object> common) throws Exception {
        Map<String, Object> settings = new HashMap<>(common);
        settings.putAll(Map.of("poll.interval.ms", POLL_INTERVAL_MS, "request.budget.per.hour", 100_000_000,
                "progress.interval.ms", 60_000L, "request.rate.per.second", 1_000_000.0,
                "request.rate.burst", 1_000_000, "transactional.id", "bench-probes"));
        Profile probes = profile("bench-probes", sim, estate);
        sim.codeSearchOff(404);
        sim.resetRequests();
        try (ConnectorRole connector = ConnectorRole.start(settings, List.of(probes))) {
            connector.firstCompleteSync().get(20, TimeUnit.MINUTES);
            figures.put("requests_full_scan_search_off", sim.total());
        } finally {
            sim.codeSearchOn();
        }
    }

    /**
     * Requests of a second complete scan of the unchanged estate (a connector restarted with a due complete scan):
     * the listings, and a catalog file or a commit read only where its repository changed, so none here.
     */
    private static long repeatedCompleteScanRequests(SimulatorProcess sim, Map<String, Object> settings,
            Profile profile) throws Exception {
        Map<String, Object> due = new HashMap<>(settings);
        // The shortest complete-scan interval allowed is the poll interval; wait it out so the complete scan is due.
        due.put("full.scan.interval.ms", due.get("poll.interval.ms"));
        Thread.sleep(Long.parseLong(due.get("poll.interval.ms").toString()) + 100);
        sim.resetRequests();
        try (ConnectorRole repeat = ConnectorRole.start(due, List.of(profile))) {
            repeat.firstCompleteSync().get(60, TimeUnit.MINUTES);
            return sim.total();
        }
    }

    /** Requests of the first incremental scan after the complete one: from the first request until the log is quiet. */
    private static long incrementalRequests(SimulatorProcess sim) throws InterruptedException {
        sim.resetRequests();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sim.total() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // A scan of an unchanged estate is a burst well under the poll interval; quiet for 300 ms means it ended.
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = sim.total();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 300_000_000L) {
                break;
            }
            Thread.sleep(10);
        }
        return last;
    }

    /**
     * The sink into SQLite and into PostgreSQL, each next to two plain-JDBC baselines in the same database: the
     * repositories table alone ({@link PlainJdbcInsert}) and every table the sink wrote ({@link AllTablesJdbcInsert}).
     * Both sides count the same unit, rows the database holds at the end (repository rows against the first baseline,
     * assets, repositories and users, against the second), and time comparable spans: the baselines their insert loops,
     * the sink from its first polled records to lag zero. The sink's start-up (migrations, consumer group join,
     * seeking to the stored offsets) is reported apart, and with it the rate from start.
     * Like the enricher's, the three run in turn {@value #REPLAY_ROUNDS} times, each round into a new database under a
     * new consumer group, and each figure is the best of its rounds: whichever side runs first in a round would
     * otherwise also pay for warming up the JDBC driver they share, and other load only ever slows a round down.
     */
    private void sinks(Map<String, Object> common, Admin admin, String bootstrap) throws Exception {
        long records = RecordCounter.count(bootstrap, INVENTORY, Duration.ofMinutes(5));
        figures.put("sink_input_records", records);
        List<SinkRound> sqlite = new ArrayList<>();
        List<SinkRound> postgres = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start()) {
            for (int round = 0; round < REPLAY_ROUNDS; round++) {
                String file = "jdbc:sqlite:" + dir.resolve("sink-" + round + ".db").toAbsolutePath();
                sqlite.add(sinkRound(common, admin, file, null, "bench-sink-sqlite-" + round));
                String url = newPostgresDatabase(pg, "bench_sink_" + round);
                postgres.add(sinkRound(common, admin, url, "postgres", "bench-sink-pg-" + round));
            }
        }
        sinkFigures("sqlite", records, SinkRound.best(sqlite));
        sinkFigures("postgres", records, SinkRound.best(postgres));
    }

    /** One round of one database: the sink, then both baselines over the rows it wrote. */
    record SinkRound(SinkTiming sink, long repositories, long assets, double plainRowsPerSecond,
            AllTablesJdbcInsert.Result all) {
        /** The best of each figure on its own: the shortest writing and start-up, the fastest baselines. */
        static SinkRound best(List<SinkRound> rounds) {
            SinkTiming sink = new SinkTiming(
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
        figures.put(p + "_rows_per_s_from_start", repositories / (sink.startupSeconds() + sink.writingSeconds()));
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

    /** Seconds from SinkRole.start to the first polled records (start-up), and from there to lag zero (writing). */
    record SinkTiming(double startupSeconds, double writingSeconds, long batches, double consumerCpuSeconds) {}

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
            awaitZero(admin, group, INVENTORY, Duration.ofMinutes(20));
            long end = System.nanoTime();
            long first = sink.stats().firstRecordsNanos();
            return new SinkTiming((first - start) / 1e9, (end - first) / 1e9, sink.stats().batchesCommitted(),
                    threadCpuSeconds("bbinv-sink-consumer"));
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

    /**
     * Enricher replay of the raw topics next to two baselines over the same records, same broker, same Streams
     * settings (the enricher's own streamsProperties: exactly_once_v2, one thread, commit interval, record cache): a
     * byte-for-byte pass-through, and a topology doing only what any enricher must (decode, one store read and write
     * per record, encode, produce). Each is timed from start to caught up; the ratios use that. The same from first
     * RUNNING to caught up is printed too, because start-up (group join, task and store set-up) weighs at small N.
     * The three run in turn {@value #REPLAY_ROUNDS} times, each under a new application id, and each figure is the
     * best of its rounds: on a shared machine the other load only ever slows a round down.
     */
    private void enricher(Map<String, Object> common, Admin admin, String bootstrap) throws Exception {
        long records = RecordCounter.count(bootstrap, RAW, Duration.ofMinutes(5));
        figures.put("enricher_input_records", records);
        List<ReplayTiming> enricher = new ArrayList<>();
        List<ReplayTiming> passThrough = new ArrayList<>();
        List<ReplayTiming> decoding = new ArrayList<>();
        for (int round = 0; round < REPLAY_ROUNDS; round++) {
            Map<String, Object> settings = new HashMap<>(common);
            settings.putAll(streamsSettings("bench-enricher-replay-" + round));
            long start = System.nanoTime();
            try (EnricherRole role = EnricherRole.start(settings)) {
                enricher.add(ReplayTiming.await(start, role::state, admin, role.applicationId(), RAW,
                        Duration.ofMinutes(20)));
            }
            passThrough.add(timeBaseline(common, admin, "bench-passthrough-" + round, PassThroughTopology.build(RAW)));
            decoding.add(timeBaseline(common, admin, "bench-decoding-baseline-" + round,
                    DecodingBaselineTopology.build(PipelineSettings.registryClient(common))));
        }
        ReplayTiming e = ReplayTiming.best(enricher);
        ReplayTiming p = ReplayTiming.best(passThrough);
        ReplayTiming d = ReplayTiming.best(decoding);
        figures.put("enricher_records_per_s", records / e.totalSeconds());
        figures.put("passthrough_records_per_s", records / p.totalSeconds());
        figures.put("decoding_baseline_records_per_s", records / d.totalSeconds());
        figures.put("enricher_vs_passthrough", p.totalSeconds() / e.totalSeconds());
        figures.put("enricher_vs_decoding_baseline", d.totalSeconds() / e.totalSeconds());
        figures.put("decoding_baseline_vs_passthrough", p.totalSeconds() / d.totalSeconds());
        figures.put("enricher_startup_s", e.startupSeconds());
        figures.put("passthrough_startup_s", p.startupSeconds());
        figures.put("decoding_baseline_startup_s", d.startupSeconds());
        figures.put("enricher_vs_passthrough_running", p.processingSeconds() / e.processingSeconds());
        figures.put("enricher_vs_decoding_running", d.processingSeconds() / e.processingSeconds());
    }

    /** A baseline topology run with the enricher's Streams properties under its own application id. */
    private ReplayTiming timeBaseline(Map<String, Object> common, Admin admin, String applicationId, Topology topology)
            throws Exception {
        Map<String, Object> settings = new HashMap<>(common);
        settings.putAll(streamsSettings(applicationId));
        Map<String, Object> props = new EnricherConfig(settings).streamsProperties();
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, new StreamsConfig(props))) {
            streams.start();
            return ReplayTiming.await(start, streams::state, admin, applicationId, RAW, Duration.ofMinutes(20));
        }
    }

    private Map<String, Object> streamsSettings(String applicationId) {
        return Map.of("application.id", applicationId, "state.dir", dir.resolve("streams-" + applicationId).toString(),
                "commit.interval.ms", 100L, "replication.factor", 1);
    }

    private static void awaitRows(String jdbc, long rows, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A count of a million rows takes a while and holds a read lock against the sink: ask less often then.
        long pause = Math.max(50, rows / 2_000);
        while (PlainJdbcInsert.repositoryRows(jdbc) < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(rows + " repositories not in " + jdbc + " within " + timeout);
            }
            Thread.sleep(pause);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Polls until the group's lag on the topics is zero; throws when the deadline passes first. */
    private static void awaitZero(Admin admin, String group, List<String> topics, Duration timeout) throws Exception {
        if (!new ConsumerLagReader(admin, Duration.ofSeconds(20)).awaitCaughtUp(group, topics, timeout,
                Duration.ofMillis(50))) {
            throw new IllegalStateException("group " + group + " did not catch up with " + topics + " within " + timeout);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
