package dev.bbinv.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka's own KRaft test kit, one combined node, with internal topics sized for a single broker. Public for a test
 * that needs a broker of its own (its topics' whole contents asserted by other tests of the JVM stay untouched).
 */
public final class InProcessKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static InProcessKafka start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory())
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024))
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InProcessKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("starting Kafka's KRaft test kit failed", e);
        }
    }

    /**
     * Our own folder under java.io.tmpdir (target/ in tests). The kit's default folder comes with a shutdown hook
     * that deletes it while the broker still runs; the broker then sees its log dirs fail and halts the JVM with
     * status 1, which failsafe reports as "Error occurred in starting fork" after every test passed.
     */
    private static Path baseDirectory() throws java.io.IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-");
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; a broker that does not shut down cleanly loses only temp files.
        }
    }
}
