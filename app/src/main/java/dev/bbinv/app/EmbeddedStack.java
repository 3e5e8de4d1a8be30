package dev.bbinv.app;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.schemas.Topics;
import dev.bbinv.stack.kafka.EmbeddedKafka;
import dev.bbinv.stack.registry.EmbeddedSchemaRegistry;

/**
 * The embedded stack of {@code bbinv demo} and {@code bbinv run}: a real KRaft broker and a schema registry whose
 * schemas live in a compacted topic, both keeping their data under one folder so that a restart resumes.
 */
final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    static EmbeddedStack start(Path dataDir, int kafkaPort, int registryPort, int partitions) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
        try {
            EmbeddedKafka.ensureTopics(kafka.bootstrapServers(), Topics.all(partitions));
            EmbeddedSchemaRegistry registry =
                    EmbeddedSchemaRegistry.kafkaBacked(kafka.bootstrapServers(), Topics.SCHEMAS_TOPIC.name(), registryPort);
            LOG.info("Schema registry ready at {}", registry.url());
            return new EmbeddedStack(kafka, registry);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return registry.url().toString();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
