package dev.bbinv.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.Topology;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.CloudWorkspace;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;

/**
 * The enricher stage of the bench on its own, for profiling and for comparing changes quickly: {@code prepare DIR N}
 * fills the raw topics of a broker kept in {@code DIR} (the same simulated estate and connector as {@code SizeRun}, a
 * registry kept in a topic so the schema ids survive), and {@code replay DIR ROUNDS} restarts that broker and replays
 * the raw topics through the enricher and both baselines, ROUNDS times in turn, printing each timing. Run it with the
 * bench's classpath, as {@code ./bench/run} does.
 */
public final class EnricherReplayBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private EnricherReplayBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !List.of("prepare", "replay").contains(args[0])) {
            System.err.println("usage: EnricherReplayBench prepare DIR N | replay DIR ROUNDS");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        int number = Integer.parseInt(args[2]);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.kafkaBacked(kafka.bootstrapServers(),
                     Topics.SCHEMAS, 0)) {
            Map<String, Object> common = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "schema.registry.url", registry.url().toString());
            if (args[0].equals("prepare")) {
                prepare(kafka.bootstrapServers(), common, number);
            } else {
                replay(dir, kafka.bootstrapServers(), common, number);
            }
        }
        System.exit(0);
    }

    private static void prepare(String bootstrap, Map<String, Object> common, int n) throws Exception {
        EmbeddedKafka.ensureTopics(bootstrap, Topics.all(1));
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(PassThroughTopology.OUTPUT, 1, (short) 1),
                    new NewTopic(DecodingBaselineTopology.OUTPUT, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        EstateSpec spec = EstateSpec.builder().seed(7).cloudWorkspaces(SizeRun.WORKSPACES).cloudRepos(n)
                .cloudMembersPerWorkspace(SizeRun.members(n)).build();
        try (BitbucketSimulator sim = BitbucketSimulator.builder().estate(spec).start()) {
            Map<String, Object> settings = new HashMap<>(common);
            settings.putAll(Map.of("poll.interval.ms", 3_600_000L, "request.budget.per.hour", 100_000_000,
                    "progress.interval.ms", 60_000L, "request.rate.per.second", 1_000_000.0,
                    "request.rate.burst", 1_000_000));
            Profile profile = Profile.cloud("bench", URI.create(sim.cloudApiBase()),
                    Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                    sim.cloud().workspaces().stream().map(CloudWorkspace::slug).toList())
                    .withCatalog(new CatalogSettings(true, sim.cloud().catalogPath(), Map.of()));
            try (ConnectorRole connector = ConnectorRole.start(settings, List.of(profile))) {
                connector.firstCompleteSync().get(60, TimeUnit.MINUTES);
            }
        }
        System.out.println("prepared: " + RecordCounter.count(bootstrap, SizeRun.RAW, Duration.ofMinutes(5))
                + " raw records");
    }

    private static void replay(Path dir, String bootstrap, Map<String, Object> common, int rounds) throws Exception {
        long records = RecordCounter.count(bootstrap, SizeRun.RAW, Duration.ofMinutes(5));
        List<Map<String, Object>> results = new ArrayList<>();
        try (Admin admin = admin(bootstrap)) {
            Map<String, Double> cpu = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                String suffix = "-" + System.currentTimeMillis();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("round", round);
                figures.put("records", records);
                Map<String, Object> settings = new HashMap<>(common);
                settings.putAll(EnricherStage.streamsSettings(dir, "replay-enricher" + suffix));
                long start = System.nanoTime();
                ReplayTiming enricher;
                double enricherCpu;
                try (EnricherRole role = EnricherRole.start(settings)) {
                    enricher = ReplayTiming.await(start, role::state, admin, role.applicationId(), SizeRun.RAW,
                            TIMEOUT);
                    enricherCpu = cpuSeconds(role.applicationId());
                }
                ReplayTiming pass = baseline(dir, common, admin, "replay-passthrough" + suffix,
                        PassThroughTopology.build(SizeRun.RAW), cpu);
                ReplayTiming decoding = baseline(dir, common, admin, "replay-decoding" + suffix,
                        DecodingBaselineTopology.build(PipelineSettings.registryClient(common)), cpu);
                figures.put("enricher_cpu_s", enricherCpu);
                figures.put("passthrough_cpu_s", cpu.get("replay-passthrough" + suffix));
                figures.put("decoding_cpu_s", cpu.get("replay-decoding" + suffix));
                figures.put("enricher_vs_passthrough_cpu", cpu.get("replay-passthrough" + suffix) / enricherCpu);
                figures.put("enricher_vs_decoding_cpu", cpu.get("replay-decoding" + suffix) / enricherCpu);
                figures.put("enricher_s", enricher.totalSeconds());
                figures.put("enricher_startup_s", enricher.startupSeconds());
                figures.put("passthrough_s", pass.totalSeconds());
                figures.put("passthrough_startup_s", pass.startupSeconds());
                figures.put("decoding_s", decoding.totalSeconds());
                figures.put("decoding_startup_s", decoding.startupSeconds());
                figures.put("enricher_vs_passthrough", pass.totalSeconds() / enricher.totalSeconds());
                figures.put("enricher_vs_decoding_baseline", decoding.totalSeconds() / enricher.totalSeconds());
                figures.put("enricher_vs_passthrough_running", pass.processingSeconds() / enricher.processingSeconds());
                figures.put("enricher_vs_decoding_running",
                        decoding.processingSeconds() / enricher.processingSeconds());
                System.out.println("replay: " + figures);
                results.add(figures);
            }
        }
    }

    /** The bench's baseline run, its threads' CPU time put in {@code cpu} under its application id. */
    private static ReplayTiming baseline(Path dir, Map<String, Object> common, Admin admin, String applicationId,
            Topology topology, Map<String, Double> cpu) throws Exception {
        return EnricherStage.timeBaseline(dir, common, admin, applicationId, topology, TIMEOUT,
                () -> cpu.put(applicationId, cpuSeconds(applicationId)));
    }

    /**
     * CPU time so far of the live threads named after an application (stream threads, its producer's and consumer's
     * threads): what the replay cost the machine, whatever else ran beside it.
     */
    private static double cpuSeconds(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(applicationId)) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
