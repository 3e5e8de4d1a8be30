package dev.bbinv.enricher.languages;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Writes language tag events to {@code inventory.language-tags}, keyed by the repository asset id, and waits until
 * the broker has them: what {@code bbinv tags} calls after resolving REPO to an asset id.
 */
public final class LanguageTagPublisher implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, LanguageTagEvent> producer;

    /** @param producerConfig extra producer settings (security and the like); may be empty */
    public LanguageTagPublisher(String bootstrapServers, SchemaRegistryClient registry,
            Map<String, Object> producerConfig) {
        Map<String, Object> cfg = new HashMap<>(producerConfig);
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        cfg.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
        this.producer = new KafkaProducer<>(cfg, Topics.LANGUAGE_TAGS_TOPIC.keySerializer(registry),
                Topics.LANGUAGE_TAGS_TOPIC.valueSerializer(registry));
    }

    /** Sends {@code event} keyed by its repository id and returns where it was written. */
    public RecordMetadata publish(LanguageTagEvent event) {
        try {
            return producer.send(new ProducerRecord<>(Topics.LANGUAGE_TAGS_TOPIC.name(), event.getRepositoryId(), event))
                    .get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing language tags of " + event.getRepositoryId(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaException("could not write language tags of " + event.getRepositoryId() + " to "
                    + Topics.LANGUAGE_TAGS_TOPIC + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
