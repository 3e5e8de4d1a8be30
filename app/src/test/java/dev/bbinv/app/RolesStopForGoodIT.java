package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.serde.AvroSerdes;
import dev.bbinv.sim.BitbucketSimulator;
import dev.bbinv.sim.estate.EstateSpec;
import dev.bbinv.sink.SinkRole;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.testkit.Await;
import dev.bbinv.testkit.FaultyRegistryProxy;
import dev.bbinv.testkit.InProcessKafka;
import dev.bbinv.testkit.TestRegistry;

/**
 * Each way a role stops for good, on the real broker, ends the process through {@link RoleSupervisor}'s exit with
 * status 5 and the reason; the exit is recorded instead of ending the test JVM.
 */
@Timeout(150)
class RolesStopForGoodIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // A broker of its own: these tests fence, fail and publish records the other ITs of this JVM must not see.
    private static InProcessKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = InProcessKafka.start();
        EmbeddedKafka.ensureTopics(kafka.bootstrapServers(), Topics.all(3));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Records the first exit the supervisor asks for. */
    private static final class RecordedExit implements RoleSupervisor.Exit {
        final AtomicReference<String> reason = new AtomicReference<>();
        volatile int status = -1;

        @Override
        public void exit(int status, String reason) {
            this.status = status;
            this.reason.compareAndSet(null, reason);
        }
    }

    @Test
    void anEnricherPastItsThreadFailureLimitEndsTheProcessWithItsState() throws Exception {
        RecordedExit exit = new RecordedExit();
        try (FaultyRegistryProxy proxy = new FaultyRegistryProxy(TestRegistry.url())) {
            Map<String, Object> cfg = base();
            cfg.put("schema.registry.url", proxy.url().toString());
            cfg.put("application.id", "stop-for-good-" + UUID.randomUUID());
            cfg.put("state.dir", Files.createTempDirectory("stop-enricher").toString());
            cfg.put("replication.factor", 1);
            cfg.put("enricher.thread.failures.max", 0);
            proxy.failWith(401);
            try (EnricherRole enricher = EnricherRole.start(cfg);
                 RoleSupervisor supervisor = RoleSupervisor.start(
                         List.of(new RoleSupervisor.Watched("enricher", enricher::stoppedForGood)),
                         Duration.ofMillis(100), exit)) {
                // A record whose schema the enricher must ask the (refusing) registry for fails its stream thread.
                byte[] wire = AvroSerdes.keySerializer(TestRegistry.client()).serialize(Topics.RAW_REPOSITORIES, "x");
                produce(Topics.RAW_REPOSITORIES, wire, wire);
                Await.until(TIMEOUT, "the supervisor to end the process", () -> exit.reason.get() != null);
            }
        }
        assertEquals(RoleSupervisor.ROLE_STOPPED, exit.status);
        assertTrue(exit.reason.get().startsWith("the enricher stopped for good")
                && exit.reason.get().contains("state ERROR") && exit.reason.get().contains("401"), exit.reason.get());
    }

    @Test
    void aSinkWhoseLoopEndsOnAnUnexpectedErrorEndsTheProcessWithTheError() throws Exception {
        // Two sinks with one static member id: the broker fences the older one, an error its loop does not retry.
        String instance = "stop-for-good-" + UUID.randomUUID();
        String group = "stop-sink-" + UUID.randomUUID();
        RecordedExit exit = new RecordedExit();
        try (SinkRole first = SinkRole.start(sinkConfig(group, instance));
             RoleSupervisor supervisor = RoleSupervisor.start(
                     List.of(new RoleSupervisor.Watched("sink", first::stoppedForGood)), Duration.ofMillis(100), exit)) {
            Await.until(TIMEOUT, "the first sink to be running", first::isRunning);
            try (SinkRole second = SinkRole.start(sinkConfig(group, instance))) {
                Await.until(TIMEOUT, "the supervisor to end the process", () -> exit.reason.get() != null);
            }
        }
        assertEquals(RoleSupervisor.ROLE_STOPPED, exit.status);
        assertTrue(exit.reason.get().startsWith("the sink stopped for good")
                && exit.reason.get().contains("FencedInstanceIdException"), exit.reason.get());
    }

    @Test
    void aFencedConnectorEndsTheProcessNamingItsTransactionalId() throws Exception {
        RecordedExit exit = new RecordedExit();
        try (BitbucketSimulator sim = BitbucketSimulator.builder()
                .estate(EstateSpec.builder().serverProjects(1).serverRepos(3).serverUsers(1).catalogShare(0)
                        .archivedShare(0).seed(7).build())
                .start()) {
            Profile profile = Profile.server("fenced-" + UUID.randomUUID(), URI.create(sim.serverBase()),
                    Credentials.basic(BitbucketSimulator.SERVER_ADMIN, Secret.of(BitbucketSimulator.SERVER_ADMIN_PASSWORD)),
                    List.of());
            Map<String, Object> cfg = base();
            String txId = "stop-for-good-" + UUID.randomUUID();
            cfg.put("transactional.id", txId);
            cfg.put("poll.interval.ms", "300");
            cfg.put("request.rate.per.second", "1000");
            cfg.put("request.rate.burst", "1000");
            try (ConnectorRole first = ConnectorRole.start(cfg, List.of(profile));
                 RoleSupervisor supervisor = RoleSupervisor.start(
                         List.of(new RoleSupervisor.Watched("connector", first::stoppedForGood)),
                         Duration.ofMillis(100), exit)) {
                first.firstCompleteSync().get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(null, exit.reason.get(), "a running connector is left alone");
                try (ConnectorRole second = ConnectorRole.start(cfg, List.of(profile))) {
                    Await.until(TIMEOUT, () -> "the supervisor to end the process; first: " + first.profileStates()
                            + ", second: " + second.profileStates(), () -> exit.reason.get() != null);
                }
            }
        }
        assertEquals(RoleSupervisor.ROLE_STOPPED, exit.status);
        assertTrue(exit.reason.get().startsWith("the connector stopped for good")
                && exit.reason.get().contains("fenced") && exit.reason.get().contains("stop-for-good-"), exit.reason.get());
    }

    private static Map<String, Object> base() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        cfg.put("schema.registry.url", TestRegistry.url().toString());
        return cfg;
    }

    private static Map<String, Object> sinkConfig(String group, String instance) throws Exception {
        Path dir = Files.createTempDirectory("stop-sink");
        Map<String, Object> cfg = base();
        cfg.put("inventory.jdbc.url", "jdbc:sqlite:" + dir.resolve("inventory.db"));
        cfg.put("sink.group.id", group);
        cfg.put("api.enabled", false);
        cfg.put("kafka.client.group.instance.id", instance);
        return cfg;
    }

    private static void produce(String topic, byte[] key, byte[] value) throws Exception {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
