package dev.bbinv.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import dev.bbinv.enricher.EnricherConfig;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.schemas.config.PipelineSettings;

/**
 * The bench's enricher stage: a replay of the raw topics next to two baselines over the same records, same broker, same Streams
 * settings (the enricher's own streamsProperties: exactly_once_v2, one thread, commit interval, record cache): a
 * byte-for-byte pass-through, and a topology doing only what any enricher must (decode, one store read and write
 * per record, encode, produce). Each is timed from start to caught up; the ratios use that. The same from first
 * RUNNING to caught up is printed too, because start-up (group join, task and store set-up) weighs at small N.
 * The three run in turn {@value SizeRun#REPLAY_ROUNDS} times, each under a new application id, and each figure is the
 * best of its rounds: on a shared machine the other load only ever slows a round down.
 */
final class EnricherStage {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private final Path dir;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    EnricherStage(Path dir) {
        this.dir = dir;
    }

    /** Runs the stage against the raw topics the first inventory filled; returns its figures in print order. */
    Map<String, Object> run(Map<String, Object> common, Admin admin, String bootstrap) throws Exception {
        long records = RecordCounter.count(bootstrap, SizeRun.RAW, Duration.ofMinutes(5));
        figures.put("enricher_input_records", records);
        List<ReplayTiming> enricher = new ArrayList<>();
        List<ReplayTiming> passThrough = new ArrayList<>();
        List<ReplayTiming> decoding = new ArrayList<>();
        for (int round = 0; round < SizeRun.REPLAY_ROUNDS; round++) {
            Map<String, Object> settings = new HashMap<>(common);
            settings.putAll(streamsSettings(dir, "bench-enricher-replay-" + round));
            long start = System.nanoTime();
            try (EnricherRole role = EnricherRole.start(settings)) {
                enricher.add(ReplayTiming.await(start, role::state, admin, role.applicationId(), SizeRun.RAW,
                        TIMEOUT));
            }
            passThrough.add(timeBaseline(dir, common, admin, "bench-passthrough-" + round,
                    PassThroughTopology.build(SizeRun.RAW), TIMEOUT, () -> {}));
            decoding.add(timeBaseline(dir, common, admin, "bench-decoding-baseline-" + round,
                    DecodingBaselineTopology.build(PipelineSettings.registryClient(common)), TIMEOUT, () -> {}));
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
        return figures;
    }

    /**
     * A baseline topology run with the enricher's Streams properties under its own application id, its state under
     * {@code dir}. {@code caughtUp} runs once it has caught up, while its threads still live (to read their CPU time).
     */
    static ReplayTiming timeBaseline(Path dir, Map<String, Object> common, Admin admin, String applicationId,
            Topology topology, Duration timeout, Runnable caughtUp) throws Exception {
        Map<String, Object> settings = new HashMap<>(common);
        settings.putAll(streamsSettings(dir, applicationId));
        Map<String, Object> props = new EnricherConfig(settings).streamsProperties();
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, new StreamsConfig(props))) {
            streams.start();
            ReplayTiming timing = ReplayTiming.await(start, streams::state, admin, applicationId, SizeRun.RAW, timeout);
            caughtUp.run();
            return timing;
        }
    }

    /** Streams settings of one application of the bench, its state under {@code dir}. */
    static Map<String, Object> streamsSettings(Path dir, String applicationId) {
        return Map.of("application.id", applicationId, "state.dir", dir.resolve("streams-" + applicationId).toString(),
                "commit.interval.ms", 100L, "replication.factor", 1);
    }
}
