package dev.bbinv.sink.consume;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.deadletter.DeadLetterBuilder;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/** Sends records the sink cannot apply to {@code inventory.dlq}, with the reason and where they came from. */
public final class DeadLetterPublisher implements AutoCloseable {
    public static final String STAGE = "sink";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, DeadLetter> producer;
    private final Deserializer<String> keys;

    public DeadLetterPublisher(String bootstrapServers, SchemaRegistryClient registry, Map<String, Object> overrides) {
        Map<String, Object> cfg = new HashMap<>(overrides);
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.CLIENT_ID_CONFIG, "bbinv-sink-dlq");
        this.producer = new KafkaProducer<>(cfg, Topics.DLQ_TOPIC.keySerializer(registry),
                Topics.DLQ_TOPIC.valueSerializer(registry));
        this.keys = Topics.DLQ_TOPIC.keyDeserializer(registry);
    }

    /** Pure: the dead letter for a record, with the builder every role shares (same payload cap and reasons). */
    public static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r, Throwable why, Instant now) {
        return DeadLetterBuilder.build(STAGE, r.topic(), r.partition(), r.offset(), r.key(), r.value(), why, now);
    }

    /** Sends all and waits until the broker has them; throws if any send fails, so the batch is retried. */
    public void publish(List<DeadLetter> letters) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (DeadLetter letter : letters) {
            String key = keyText(letter);
            sent.add(producer.send(new ProducerRecord<>(Topics.DLQ_TOPIC.name(), key, letter)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending to " + Topics.DLQ_TOPIC, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("sending a dead letter to " + Topics.DLQ_TOPIC + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** The failed record's key as text (its asset id) when it can be read, else none. */
    private String keyText(DeadLetter letter) {
        if (letter.getKey() == null) {
            return null;
        }
        ByteBuffer buffer = letter.getKey().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try {
            return keys.deserialize(letter.getSourceTopic(), bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
