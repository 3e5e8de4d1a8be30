package dev.bbinv.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.avro.specific.SpecificRecord;

import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.config.PipelineSettings;

/**
 * The compacted topics people write by hand ({@code inventory.language-tags}, {@code inventory.repository-classes},
 * {@code inventory.repository-tags}):
 * writes one value keyed by the repository asset id and waits until the broker has it, and reads the latest value
 * of one key (what {@code tags add|remove} starts from).
 */
final class ManualTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> settings;

    ManualTopics(Map<String, Object> settings) {
        this.settings = requirePipeline(settings);
    }

    /** {@code settings}, when they name a broker and a registry to write to; a plain error otherwise. */
    static Map<String, Object> requirePipeline(Map<String, Object> settings) {
        if (!Settings.has(settings, Settings.BOOTSTRAP) || !Settings.has(settings, Settings.REGISTRY)) {
            throw new IllegalArgumentException("no running pipeline found: start `bbinv demo` or `bbinv run`, or set "
                    + Settings.BOOTSTRAP + " and " + Settings.REGISTRY);
        }
        return settings;
    }

    <V extends SpecificRecord> void publish(TopicDescriptor<V> topic, String key, V value) {
        Map<String, Object> cfg = new HashMap<>(PipelineSettings.kafkaClientOverrides(settings));
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(Settings.BOOTSTRAP).toString());
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        cfg.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        var registry = PipelineSettings.registryClient(settings);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(cfg, topic.keySerializer(registry),
                topic.valueSerializer(registry))) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaException("could not write " + key + " to " + topic.name() + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * The latest committed value of {@code key}, empty when there is none or it was deleted (a tombstone). Reads the
     * whole topic: it holds one record per repository someone set by hand, and a producer other than bbinv may have
     * partitioned by its own rule.
     */
    <V extends SpecificRecord> Optional<V> latest(TopicDescriptor<V> topic, String key) {
        Map<String, Object> cfg = new HashMap<>(PipelineSettings.kafkaClientOverrides(settings));
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(Settings.BOOTSTRAP).toString());
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var registry = PipelineSettings.registryClient(settings);
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(cfg, topic.keyDeserializer(registry),
                topic.valueDeserializer(registry))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist: start the pipeline once");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            V latest = null;
            long latestTimestamp = Long.MIN_VALUE;
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaException("reading " + topic.name() + " took longer than " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    // Within a partition the later record wins; across partitions (another producer's rule) the newer.
                    if (key.equals(r.key()) && r.timestamp() >= latestTimestamp) {
                        latest = r.value();
                        latestTimestamp = r.timestamp();
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }
}
