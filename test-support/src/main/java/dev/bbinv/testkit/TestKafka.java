package dev.bbinv.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import dev.bbinv.schemas.Topics;
import dev.bbinv.stack.kafka.EmbeddedKafka;

/**
 * The one place integration tests get a real Kafka broker from, shared by every test in the JVM:
 * an external broker named by {@code BBINV_TEST_KAFKA_BOOTSTRAP}, else Testcontainers' Kafka when a Docker engine
 * runs, else Kafka's own KRaft test kit in this process (always the last on machines without Docker).
 */
public final class TestKafka {
    public static final String EXTERNAL_BOOTSTRAP_ENV = "BBINV_TEST_KAFKA_BOOTSTRAP";
    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static String bootstrap;

    /** Starts the broker on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            bootstrap = startBroker();
        }
        return bootstrap;
    }

    /** Creates the named topics (partitions and cleanup policy as the spec says) if they do not exist. */
    public static void createTopics(List<Topics.Spec> specs) {
        EmbeddedKafka.ensureTopics(bootstrapServers(), specs);
    }

    /** Creates single-partition, delete-policy topics with these names if they do not exist. */
    public static void createTopics(String... names) {
        createTopics(Arrays.stream(names).map(n -> new Topics.Spec(n, 1, false)).collect(Collectors.toList()));
    }

    private static String startBroker() {
        String external = System.getenv(EXTERNAL_BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            LOG.info("Integration tests use the external broker {}", external);
            return external;
        }
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-container-stop"));
            LOG.info("Integration tests use a Testcontainers Kafka at {}", container.getBootstrapServers());
            return container.getBootstrapServers();
        }
        // No shutdown hook closes it: the process ends and its files stay under target/ (see InProcessKafka).
        InProcessKafka kit = InProcessKafka.start();
        LOG.info("Integration tests use Kafka's KRaft test kit in process at {}", kit.bootstrapServers());
        return kit.bootstrapServers();
    }

    private static boolean dockerAvailable() {
        // Testcontainers' own probe logs a page of errors where no engine exists; ask it only where one may.
        boolean engineMayExist = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!engineMayExist) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private TestKafka() {}
}
