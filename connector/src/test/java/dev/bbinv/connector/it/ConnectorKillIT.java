package dev.bbinv.connector.it;

import static dev.bbinv.connector.it.ConnectorIts.repositories;
import static dev.bbinv.connector.it.ConnectorIts.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sim.fault.Fault;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.TestKafka;

/**
 * A connector killed with SIGKILL mid-scan in its own JVM (no close, no abort, no interrupt), then restarted with
 * the same transactional.id: read_committed, every repository has exactly one event, and the restart resumed.
 */
@Timeout(240)
class ConnectorKillIT {
    private static final String LISTING = "GET /2.0/repositories/{workspace}";

    @BeforeAll
    static void topics() {
        TestKafka.createTopics(Topics.all(3));
    }

    @Test
    void aConnectorKilledMidScanAndRestartedPublishesEachRepositoryExactlyOnce() throws Exception {
        try (BitbucketSimulator sim = BitbucketSimulator.start(EstateSpec.builder().cloudWorkspaces(1).cloudRepos(450)
                .catalogShare(0).seed(41).build())) {
            String workspace = sim.cloud().workspaces().get(0).slug();
            String name = unique("kill");
            String transactionalId = unique("tx");
            Map<String, Object> settings = ConnectorIts.config(3_600_000, 3_600_000);
            settings.put("transactional.id", transactionalId);
            settings.put("http.timeout.ms", "30000");
            // Each page after the first is slow, so the kill lands inside the scan
            sim.inject(Fault.delay(Duration.ofMillis(700)).on("/2.0/repositories/" + workspace).times(20));

            Process child = start(name, sim.cloudApiBase(), settings);
            try {
                Await.until(Duration.ofSeconds(90), "two pages committed",
                        () -> !child.isAlive() || repositories(name).size() >= 200);
                assertTrue(child.isAlive(), "the child connector exited early; see its log under target/");
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            int atKill = repositories(name).size();
            assertTrue(atKill < 450, "killed before the end of the scan (" + atKill + ")");
            long firstPages = firstPages(sim);

            Profile profile = Profile.cloud(name, URI.create(sim.cloudApiBase()), Credentials.basic(
                    BitbucketSimulator.CLOUD_EMAIL, Secret.of(BitbucketSimulator.CLOUD_API_TOKEN)), List.of());
            try (ConnectorRole restarted = ConnectorRole.start(settings, List.of(profile))) {
                restarted.firstCompleteSync().get(120, TimeUnit.SECONDS);
                List<ConsumerRecord<String, RawRepositoryEvent>> events = repositories(name);
                Map<String, Long> perKey = events.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.counting()));
                Set<String> expected = sim.cloud().allRepositories().stream().map(r -> AssetIds.cloud(r.uuid()))
                        .collect(Collectors.toSet());
                assertEquals(expected, perKey.keySet(), "no gap");
                assertEquals(Map.of(), perKey.entrySet().stream().filter(e -> e.getValue() != 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no duplicate");
                assertEquals(firstPages, firstPages(sim), "the restart resumed from its checkpoint, not page 1");
            }
        }
    }

    private static long firstPages(BitbucketSimulator sim) {
        return sim.requests().count(r -> r.route().equals(LISTING) && !r.query().matches("(.*&)?page=.*"));
    }

    private static Process start(String name, String api, Map<String, Object> settings) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ConnectorChild.class.getName());
        command.add(name);
        command.add(api);
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "connector-child-", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }
}
