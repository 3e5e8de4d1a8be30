package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.RemovedFilter;
import dev.bbinv.sink.db.RepositoryQuery;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.RepositorySort;
import dev.bbinv.testkit.Await;

/**
 * Interop with a client we did not write: Debian's {@code python3-confluent-kafka} (librdkafka with Confluent's Avro
 * serde) reads the inventory topics through our schema registry, and a language tag it writes is applied by the
 * pipeline. Needs {@code apt-get install -y python3-confluent-kafka python3-avro python3-requests} (.ci/run does it).
 */
class ConfluentClientInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL = "apt-get install -y python3-confluent-kafka python3-avro python3-requests";

    @Test
    void aConfluentClientReadsTheInventoryAndItsLanguageTagIsApplied() throws Exception {
        String python = python();
        Path dir = Files.createTempDirectory("interop");
        Path script = dir.resolve("confluent_client.py");
        try (InputStream in = ConfluentClientInteropIT.class.getResourceAsStream("/interop/confluent_client.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        EstateSpec estate = EstateSpec.builder().seed(5).cloudWorkspaces(1).cloudRepos(15).catalogShare(0).build();
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0, 3);
             BitbucketSimulator sim = BitbucketSimulator.builder().estate(estate).start()) {
            Profile profile = Profile.cloud("interop", java.net.URI.create(sim.cloudApiBase()),
                    Credentials.basic(BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)),
                    List.of());
            Map<String, Object> settings = new HashMap<>();
            settings.put(Settings.BOOTSTRAP, stack.bootstrapServers());
            settings.put(Settings.REGISTRY, stack.registryUrl());
            settings.put(Settings.JDBC_URL, "jdbc:sqlite:" + dir.resolve("inventory.db"));
            settings.put("state.dir", dir.resolve("streams").toString());
            settings.put("application.id", "interop-" + UUID.randomUUID());
            settings.put("sink.group.id", "interop-sink-" + UUID.randomUUID());
            settings.put("transactional.id", "interop-connector-" + UUID.randomUUID());
            settings.put("api.port", 0);
            settings.put("commit.interval.ms", 100);

            try (Pipeline pipeline = Pipeline.start(settings, List.of(profile))) {
                SyncWaiter.awaitFirstSyncInDatabase(pipeline, PipelineSettings.adminProperties(settings),
                        settings.get("sink.group.id").toString(), Duration.ofMinutes(3));
                InventoryReader reader = new InventoryReader(pipeline.sink().database());
                List<RepositoryRecord> rows = reader.repositories(new RepositoryQuery(null, null, null, null, null,
                        null, null, RemovedFilter.ANY, null, RepositorySort.ID, false, 500, 0, null)).items();
                assertEquals(15, rows.size());

                // Consume: the latest value of every key, decoded by Confluent's serde, is the database's row
                Run consumed = run(python, script.toString(), "consume", stack.bootstrapServers(), stack.registryUrl(),
                        Topics.REPOSITORIES, Topics.USERS);
                assertEquals(0, consumed.exit(), consumed.err());
                Map<String, JsonNode> latest = new TreeMap<>();
                int users = 0;
                for (String line : consumed.out().lines().toList()) {
                    JsonNode r = JSON.readTree(line);
                    if (r.path("topic").asText().equals(Topics.USERS)) {
                        users++;
                        assertEquals(r.path("key").asText(), r.path("value").path("id").asText(), line);
                        continue;
                    }
                    latest.put(r.path("key").asText(), r.path("value"));
                }
                assertTrue(users > 0, "the users topic was read too: " + consumed.out());
                assertEquals(rows.stream().map(RepositoryRecord::id).toList(), List.copyOf(latest.keySet()));
                for (RepositoryRecord row : rows) {
                    JsonNode value = latest.get(row.id());
                    assertEquals(row.name(), value.path("name").asText());
                    assertEquals(row.fullName(), value.path("fullName").asText());
                    assertEquals(row.visibility(), value.path("visibility").asText());
                    assertEquals(row.version(), value.path("version").asLong());
                    assertEquals(row.scopeKey(), value.path("source").path("scopeKey").asText());
                }

                // Produce: a manual tag written by the Confluent client reaches the database through the enricher
                String id = rows.get(0).id();
                String tag = JSON.writeValueAsString(Map.of("repositoryId", id, "languages", List.of("Rust", "Zig"),
                        "setAt", Instant.now().toEpochMilli(), "setBy", "python-confluent-kafka"));
                Path avsc = Path.of("..", "schemas", "src", "main", "avro", "raw", "LanguageTagEvent.avsc");
                Run produced = run(python, script.toString(), "produce", stack.bootstrapServers(),
                        stack.registryUrl(), Topics.LANGUAGE_TAGS, avsc.toAbsolutePath().normalize().toString(), id, tag);
                assertEquals(0, produced.exit(), produced.err());
                Await.until(Duration.ofSeconds(60), "the Confluent client's tags in the database",
                        () -> reader.repository(id).orElseThrow().languages().stream()
                                .map(l -> l.name() + "/" + l.source()).toList()
                                .equals(List.of("Rust/MANUAL", "Zig/MANUAL")));
            }
        }
    }

    /** Debian's interpreter (the one its packages install into), or {@code -Dbbinv.test.python}. */
    private static String python() throws Exception {
        String python = System.getProperty("bbinv.test.python",
                Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
        Run probe;
        try {
            probe = run(python, "-c", "import confluent_kafka.avro, avro, requests");
        } catch (IOException e) {
            throw new AssertionError(python + " cannot run (" + e.getMessage() + "): " + INSTALL, e);
        }
        if (probe.exit() != 0) {
            throw new AssertionError("the Confluent client is missing from " + python + ": " + INSTALL + "\n" + probe.err());
        }
        return python;
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        // Drain stderr on its own thread so a chatty child cannot block on a full pipe
        StringBuilder err = new StringBuilder();
        Thread errors = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errors.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python did not finish: " + List.of(command));
        }
        errors.join(5_000);
        return new Run(p.exitValue(), out, err.toString());
    }
}
