package dev.bbinv.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sink.SinkRole;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;

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
    /**
     * Rounds of the enricher stage (enricher, pass-through, decoding baseline in turn) and of the sink stage (per
     * database the sink, then both plain-JDBC baselines); each figure is the best of its rounds.
     */
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
                    figures.putAll(new SinkStage(n, dir).run(common, admin, bootstrap));
                }
                if (stages.contains("enricher")) {
                    figures.putAll(new EnricherStage(dir).run(common, admin, bootstrap));
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
        settings.putAll(EnricherStage.streamsSettings(dir, "bench-enricher"));
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
