package dev.bbinv.sink;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.schemas.config.PipelineSettings;
import dev.bbinv.schemas.registry.SchemaRegistryClient;
import dev.bbinv.sink.api.InventoryApi;
import dev.bbinv.sink.consume.DeadLetterPublisher;
import dev.bbinv.sink.consume.RecordDecoder;
import dev.bbinv.sink.consume.SinkConsumer;
import dev.bbinv.sink.consume.SinkStats;
import dev.bbinv.sink.db.Database;
import dev.bbinv.sink.db.InventoryReader;
import dev.bbinv.sink.db.InventoryWriter;
import dev.bbinv.sink.metrics.SinkMetrics;

/**
 * The sink role: migrates the inventory database, consumes {@code inventory.repositories} and
 * {@code inventory.users} into it on its own thread, and serves the query API. Close it to stop all three.
 */
public final class SinkRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRole.class);

    private final Database database;
    private final SinkConsumer consumer;
    private final Thread thread;
    private final DeadLetterPublisher deadLetters;
    private final InventoryApi api;
    private final KafkaConsumer<byte[], byte[]> kafka;
    private KafkaClientMetrics kafkaMetrics;
    private volatile boolean closing;

    private SinkRole(Database database, SinkConsumer consumer, Thread thread, DeadLetterPublisher deadLetters,
                     InventoryApi api, KafkaConsumer<byte[], byte[]> kafka) {
        this.kafka = kafka;
        this.database = database;
        this.consumer = consumer;
        this.thread = thread;
        this.deadLetters = deadLetters;
        this.api = api;
    }

    /** Validates the config (a bad key fails here, named), migrates the database, starts consuming and serving. */
    public static SinkRole start(Map<String, ?> config) {
        SinkConfig cfg = new SinkConfig(config);
        Database db = Database.openAndMigrate(cfg.jdbcUrl(), cfg.jdbcUser(), cfg.jdbcPassword());
        SchemaRegistryClient registry = PipelineSettings.registryClient(cfg);

        Map<String, Object> consumerProps = new HashMap<>(cfg.kafkaClientOverrides());
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, cfg.batchMaxRecords());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "bbinv-sink");
        // One fetch of the default 1 MiB per partition holds a few hundred assets, which would cap the batch below
        // sink.batch.max.records; 8 MiB per partition lets a replay fill it (kafka.client.* still overrides this).
        consumerProps.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);

        DeadLetterPublisher deadLetters = new DeadLetterPublisher(cfg.bootstrapServers(), registry,
                cfg.kafkaClientOverrides());
        InventoryApi api = null;
        KafkaConsumer<byte[], byte[]> kafka = null;
        try {
            kafka = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            SinkConsumer consumer = new SinkConsumer(kafka, new RecordDecoder(registry), deadLetters,
                    new InventoryWriter(db), new InventoryReader(db), db.describe(),
                    new SinkConsumer.Settings(cfg.pollTimeout(), cfg.retryBackoffInitial(), cfg.retryBackoffMax()),
                    Clock.systemUTC());
            if (cfg.apiEnabled()) {
                api = InventoryApi.start(db, cfg.apiBindAddress(), cfg.apiPort(), cfg.apiToken());
            }
            Thread thread = new Thread(consumer, "bbinv-sink-consumer");
            thread.start();
            LOG.info("Sink started: {} and {} into {} (group {}, batches of up to {})",
                    SinkConsumer.TOPICS.get(0), SinkConsumer.TOPICS.get(1), db.describe(), cfg.groupId(),
                    cfg.batchMaxRecords());
            return new SinkRole(db, consumer, thread, deadLetters, api, kafka);
        } catch (RuntimeException e) {
            // e.g. the API port is taken: release what was opened so that a retry in the same process can start.
            if (api != null) {
                api.close();
            }
            if (kafka != null) {
                kafka.close(java.time.Duration.ofSeconds(5));
            }
            deadLetters.close();
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    public SinkStats stats() {
        return consumer.stats();
    }

    /** Binds the sink's meters ({@link SinkMetrics}) and its Kafka consumer's client metrics to {@code registry}. */
    public synchronized void bindMetrics(MeterRegistry registry) {
        new SinkMetrics(consumer.stats()).bindTo(registry);
        if (kafkaMetrics == null) {
            kafkaMetrics = new KafkaClientMetrics(kafka);
        }
        kafkaMetrics.bindTo(registry);
    }

    /** Where the query API listens, if it is enabled. */
    public Optional<URI> apiUri() {
        return Optional.ofNullable(api).map(InventoryApi::baseUri);
    }

    /** Lets the API (and its web page) show this process's status document at {@code /status}; no-op without an API. */
    public void serveStatus(java.util.function.Supplier<?> statusDocument) {
        if (api != null) {
            api.serveStatus(statusDocument);
        }
    }

    /** Whether the consume loop is still running (it stops only on close or an unexpected error). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Why the sink stopped for good, if it did: its consume loop ended on an error it does not retry (the database
     * being down is retried, so it never shows here). Empty while it runs and after {@link #close()}.
     */
    public Optional<String> stoppedForGood() {
        if (closing || thread.isAlive()) {
            return Optional.empty();
        }
        return Optional.of("the sink's consume loop stopped: " + consumer.failure().map(Throwable::toString)
                .orElse("it ended without an error"));
    }

    @Override
    public void close() {
        closing = true;
        consumer.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (api != null) {
            api.close();
        }
        synchronized (this) {
            if (kafkaMetrics != null) {
                kafkaMetrics.close();
            }
        }
        deadLetters.close();
        LOG.info("Sink stopped");
    }
}
