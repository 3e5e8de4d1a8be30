package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.app.status.OpsService;
import dev.bbinv.connector.config.CatalogSettings;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.testkit.Await;

/**
 * The metrics and status endpoint on a real pipeline: profile states while syncing, connected and failing with 401,
 * the same through {@code bbinv status}, and {@code /metrics} counters that match what moved through the topics.
 */
class OpsStatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void statusShowsSyncingThenConnectedAndA401FailureAndMetricsCountWhatTheSyncMoved() throws Exception {
        SecretWatch watch = SecretWatch.start(BitbucketSimulator.CLOUD_API_TOKEN);
        EstateSpec estate = EstateSpec.builder().seed(11).cloudWorkspaces(1).cloudRepos(40)
                .catalogShare(0.5).catalogInvalidShare(0.5).build();
        Path dir = Files.createTempDirectory("ops");
        // A broker of its own: the other ITs of this JVM expect the shared broker's inventory topics to hold only theirs
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 3);
             BitbucketSimulator sim = BitbucketSimulator.builder().estate(estate).start()) {
            String bootstrap = stack.bootstrapServers();
            // The good profile's first listing is slow, so its first sync is visibly in progress for a while
            sim.inject(Fault.delay(Duration.ofSeconds(4)).on("/2.0/repositories/.*").times(1));
            URI api = URI.create(sim.cloudApiBase());
            Profile good = Profile.cloud("good", api,
                    Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                    List.of()).withCatalog(new CatalogSettings(true, CatalogSettings.DEFAULT_FILE, Map.of()));
            Profile broken = Profile.cloud("broken", api,
                    Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of("not-the-api-token")), List.of());
            Map<String, Object> settings = new HashMap<>();
            settings.put(Settings.BOOTSTRAP, bootstrap);
            settings.put(Settings.REGISTRY, stack.registryUrl());
            settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dir.resolve("inventory.db"));
            settings.put("state.dir", dir.resolve("streams").toString());
            settings.put("application.id", "ops-" + UUID.randomUUID());
            settings.put("sink.group.id", "ops-sink-" + UUID.randomUUID());
            settings.put("transactional.id", "ops-connector-" + UUID.randomUUID());
            settings.put("api.port", 0);
            settings.put("ops.http.port", 0);
            settings.put("commit.interval.ms", 100);

            try (Pipeline pipeline = Pipeline.start(settings, List.of(good, broken));
                 OpsService ops = OpsService.start(settings, new OpsService.Roles(pipeline.connector(),
                         List.of(good, broken), pipeline.enricher(), pipeline.sink()))) {
                // Syncing: the good profile's first scan is held up by the slow listing
                JsonNode syncing = status(ops.uri());
                assertEquals("Syncing", profile(syncing, "good").path("state").asText(), syncing.toPrettyString());
                assertTrue(profile(syncing, "good").path("firstSyncCompletedAt").isNull());

                SyncWaiter.awaitFirstSyncInDatabase(pipeline, PipelineSettings.adminProperties(settings),
                        settings.get("sink.group.id").toString(), Duration.ofMinutes(3));
                awaitNoLag(ops.uri());

                // Connected, and Connection failed with the 401 as its reason
                JsonNode done = status(ops.uri());
                JsonNode goodNow = profile(done, "good");
                assertEquals("Connected", goodNow.path("state").asText(), done.toPrettyString());
                assertTrue(goodNow.path("firstSyncCompletedAt").isTextual());
                assertEquals(40, goodNow.path("repositories").asLong());
                assertTrue(goodNow.path("lastCompleteScanAt").isTextual(), goodNow.toPrettyString());
                assertTrue(Instant.parse(goodNow.path("nextScanAt").asText()).isAfter(
                        Instant.parse(goodNow.path("lastCompleteScanAt").asText())), goodNow.toPrettyString());
                assertEquals(Instant.parse(goodNow.path("lastCompleteScanAt").asText()).plus(Duration.ofDays(1)),
                        Instant.parse(goodNow.path("nextCompleteScanAt").asText()), "full.scan.interval.ms default");
                assertTrue(goodNow.path("lastError").isNull(), goodNow.toPrettyString());
                JsonNode brokenNow = profile(done, "broken");
                assertEquals("Connection failed", brokenNow.path("state").asText(), done.toPrettyString());
                assertTrue(brokenNow.path("reason").asText().contains("401"), brokenNow.toPrettyString());
                assertEquals(0, brokenNow.path("repositories").asLong());

                // The pipeline part counts the topics as a read_committed consumer sees them
                long repositoryAssets = committedRecords(bootstrap, Topics.REPOSITORIES);
                long userAssets = committedRecords(bootstrap, Topics.USERS);
                long rawRepositories = committedRecords(bootstrap, Topics.RAW_REPOSITORIES);
                long rawCatalogFiles = committedRecords(bootstrap, Topics.RAW_CATALOG_FILES);
                assertEquals(0, done.path("pipeline").path("dlqRecords").asLong(), done.toPrettyString());

                // /metrics: the enricher's and the sink's counters match what moved through the topics
                Map<String, Double> m = scrape(ops.uri());
                assertEquals(rawRepositories, m.get("bbinv_enricher_records_in_total{topic=\"bitbucket.raw.repositories\"}").longValue(),
                        () -> m.entrySet().stream().filter(e -> e.getKey().contains("consumed_total") || e.getKey().contains("produced_total")).map(Object::toString).sorted().reduce("", (a, b) -> a + "\n" + b));
                assertEquals(rawCatalogFiles, m.get("bbinv_enricher_records_in_total{topic=\"bitbucket.raw.catalog-files\"}").longValue());
                assertEquals(repositoryAssets + userAssets, m.get("bbinv_sink_records_applied_total").longValue(),
                        "the sink applied every inventory record once");
                assertTrue(m.get("bbinv_enricher_assets_out_total{topic=\"inventory.repositories\"}") >= 40,
                        "at least one asset per simulated repository");
                assertTrue(rawCatalogFiles >= 1, "the estate has catalog files");
                double catalogErrors = m.get("bbinv_enricher_catalog_parse_errors_total");
                assertTrue(catalogErrors >= 1 && catalogErrors <= rawCatalogFiles,
                        "some of the catalog files are not YAML: " + catalogErrors + " of " + rawCatalogFiles);
                assertEquals(0.0, m.get("bbinv_enricher_dlq_records_total"));
                assertEquals(0.0, m.get("bbinv_sink_dlq_records_total"));
                // Lag, DLQ size and topic sizes as gauges, read from Kafka like `bbinv status` reads them
                assertEquals(0.0, m.get("bbinv_consumer_lag{role=\"enricher\"}"), "caught up before the scrape");
                assertEquals(0.0, m.get("bbinv_consumer_lag{role=\"sink\"}"));
                assertEquals(0.0, m.get("bbinv_dlq_records"));
                assertTrue(m.get("bbinv_topic_records{topic=\"bitbucket.raw.repositories\"}") >= rawRepositories);
                assertTrue(m.get("bbinv_sink_batch_write_seconds_count") >= 1);
                assertTrue(m.get("bbinv_sink_batch_write_seconds_sum") > 0);
                assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("kafka_consumer_")), "Kafka client binder");
                // The connector's requests, by profile, endpoint and answer, add up to what the simulator served
                double counted = m.entrySet().stream().filter(e -> e.getKey().startsWith("bbinv_connector_requests_total{"))
                        .mapToDouble(Map.Entry::getValue).sum();
                assertEquals(sim.requests().total(), (long) counted, () -> sim.requests().countsByRoute() + " vs "
                        + m.entrySet().stream().filter(e -> e.getKey().startsWith("bbinv_connector_requests")).toList());
                assertEquals(1.0, m.get("bbinv_connector_requests_total{endpoint=\"user/workspaces\",profile=\"broken\",status=\"401\"}"));
                assertEquals(1.0, m.get("bbinv_connector_requests_total{endpoint=\"repositories\",profile=\"good\",status=\"200\"}"),
                        "40 repositories are one page");
                assertEquals(1.0, m.get("bbinv_connector_scans_seconds_count{entity=\"repositories\",outcome=\"complete\",profile=\"good\"}"));
                assertEquals(40.0, m.get("bbinv_connector_scan_entities_total{entity=\"repositories\",outcome=\"complete\",profile=\"good\"}"));
                assertEquals(40.0, m.get("bbinv_connector_scan_changes_total{entity=\"repositories\",outcome=\"complete\",profile=\"good\"}"));
                double goodRequests = m.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("bbinv_connector_requests_total{") && e.getKey().contains("profile=\"good\""))
                        .mapToDouble(Map.Entry::getValue).sum();
                assertEquals(1000 - goodRequests, m.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("bbinv_connector_budget_left{") && e.getKey().contains("profile good "))
                        .findFirst().orElseThrow().getValue(), "budget left = default budget - requests sent");
                assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("kafka_stream_")), "Kafka Streams binder");

                // bbinv status prints the same, and exits 2 because a profile's connection failed
                CliRun text = run("status", "--data-dir", dir.toString(), "--url", ops.uri().toString());
                assertEquals(2, text.exit(), text.out());
                assertTrue(text.out().contains("good: Connected"), text.out());
                assertTrue(text.out().contains("broken: Connection failed: "), text.out());
                assertTrue(text.out().contains("last complete scan: " + goodNow.path("lastCompleteScanAt").asText()), text.out());
                assertTrue(text.out().contains("dead letter queue: 0 record(s)"), text.out());
                CliRun json = run("status", "--json", "--data-dir", dir.toString(), "--url", ops.uri().toString());
                assertEquals("Connection failed", profile(JSON.readTree(json.out()), "broken").path("state").asText());

                // Without a running process to ask, bbinv status still reads the pipeline from Kafka, and says why
                // the profiles are missing
                Path elsewhere = Files.createTempDirectory("ops-nothing-running");
                CliRun fallback = run("status", "--data-dir", elsewhere.toString(),
                        "--set", Settings.BOOTSTRAP + "=" + bootstrap,
                        "--set", "application.id=" + settings.get("application.id"),
                        "--set", "sink.group.id=" + settings.get("sink.group.id"));
                assertEquals(0, fallback.exit(), fallback.out());
                assertTrue(fallback.out().contains("Profiles: no running bbinv process found"), fallback.out());
                assertTrue(fallback.out().contains("sink (group " + settings.get("sink.group.id") + "): 0 record(s) behind"),
                        fallback.out());
            }
            watch.assertAbsentFromLogs();
        }
    }

    /** Records a read_committed consumer sees in {@code topic}, read to its current end. */
    private static long committedRecords(String bootstrap, String topic) {
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private void awaitNoLag(URI ops) {
        Await.until(Duration.ofSeconds(60), "enricher and sink lag 0", () -> {
            try {
                for (JsonNode r : status(ops).path("pipeline").path("consumerLag")) {
                    if (!r.path("lag").isNumber() || r.path("lag").asLong() != 0) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private JsonNode status(URI ops) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(ops.resolve("/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode profile(JsonNode doc, String name) {
        for (JsonNode p : doc.path("profiles")) {
            if (p.path("profile").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no profile " + name + " in " + doc.toPrettyString());
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    private Map<String, Double> scrape(URI ops) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(ops.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        Map<String, Double> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
