package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;
import dev.bbinv.testkit.Await;

/**
 * The roles as the README runs them on a cluster: {@code bbinv topics create} on a broker without the pipeline's
 * topics (one auto-created with the wrong policy), then connector, enricher and sink as three processes of their own
 * against that broker, until the sink's database holds the estate.
 */
@Timeout(240)
class SeparateRolesIT {
    private static EmbeddedKafka kafka;
    private static Path dir;

    @BeforeAll
    static void broker() throws Exception {
        dir = Files.createTempDirectory("separate-roles");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void topicsCreateMakesTheMissingTopicsFixesAWrongCleanupPolicyAndIsIdempotentThenTheRolesRunAsThreeProcesses()
            throws Exception {
        // Given a topic as auto-creation would leave it: the wrong cleanup policy for the compacted inventory.
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.REPOSITORIES, 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
        }
        String bootstrap = "kafka.bootstrap.servers=" + kafka.bootstrapServers();

        CliRun first = CliRun.of("topics", "create", "--partitions", "2", "--set", bootstrap);
        CliRun second = CliRun.of("topics", "create", "--partitions", "2", "--set", bootstrap);

        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().contains("inventory.repositories: cleanup.policy changed from delete to compact"), first.out());
        assertTrue(first.out().contains("inventory.users: created with 2 partition(s), cleanup.policy=compact"), first.out());
        assertTrue(first.out().contains("inventory.dlq: created with 1 partition(s), cleanup.policy=delete"), first.out());
        assertEquals(0, second.exit());
        assertTrue(second.out().endsWith("Nothing to change.\n"), second.out());
        try (Admin admin = kafka.admin()) {
            Map<String, TopicPlan.Existing> existing = TopicsCommand.existing(admin);
            for (TopicDescriptor<?> d : Topics.DESCRIPTORS) {
                Topics.Spec spec = d.spec(2);
                assertEquals(new TopicPlan.Existing(spec.partitions(), TopicPlan.policy(spec)), existing.get(d.name()),
                        d.name());
            }
        }

        // Then the three roles, each in its own JVM, move the estate into the sink's database.
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(0);
             BitbucketSimulator sim = BitbucketSimulator.builder().estate(EstateSpec.builder().serverProjects(1)
                     .serverRepos(7).serverUsers(2).catalogShare(0).archivedShare(0).seed(5).build()).start()) {
            Path profiles = dir.resolve("profiles.yaml");
            Files.writeString(profiles, "profiles:\n  - {name: dc, type: server, baseUrl: '" + sim.serverBase()
                    + "', auth: {username: " + BitbucketSimulator.SERVER_ADMIN + ", password: '"
                    + BitbucketSimulator.SERVER_ADMIN_PASSWORD + "'}}\n");
            String db = "jdbc:sqlite:" + dir.resolve("inventory.db");
            List<String> common = List.of("--set", bootstrap, "--set", "schema.registry.url=" + registry.url(),
                    "--set", "ops.http.port=0");
            List<Process> roles = new ArrayList<>();
            try {
                roles.add(role("sink", common, "--set", "inventory.jdbc.url=" + db, "--set", "api.port=0",
                        "--set", "sink.group.id=sink-" + UUID.randomUUID()));
                roles.add(role("enricher", common, "--set", "state.dir=" + dir.resolve("streams"),
                        "--set", "replication.factor=1", "--set", "application.id=enricher-" + UUID.randomUUID()));
                roles.add(role("connector", common, "--profiles", profiles.toString(),
                        "--set", "request.rate.per.second=1000", "--set", "transactional.id=tx-" + UUID.randomUUID()));
                Await.until(Duration.ofSeconds(180), () -> "7 repositories in " + db + "; roles alive: "
                        + roles.stream().map(Process::isAlive).toList(), () -> repositories(db) == 7);
                assertTrue(roles.stream().allMatch(Process::isAlive), "every role still runs");
            } finally {
                for (Process p : roles) {
                    p.destroy();
                }
                for (Process p : roles) {
                    if (!p.waitFor(40, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    private static Process role(String name, List<String> common, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), name));
        command.addAll(common);
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }

    private static long repositories(String url) {
        if (!Files.exists(Path.of(url.substring("jdbc:sqlite:".length())))) {
            return -1;
        }
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM repositories")) {
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
