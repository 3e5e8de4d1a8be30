package dev.bbinv.connector.publish;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import dev.bbinv.schemas.TopicDescriptor;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;

/** The records one transaction commits together: raw events and the checkpoint records that account for them. */
public final class Batch {
    /** One record to send; a null value is a tombstone. */
    public record Entry(String topic, String key, SpecificRecord value) {}

    private final List<Entry> events = new ArrayList<>();
    private final List<Entry> checkpoints = new ArrayList<>();

    /** A raw event for {@code topic}; the descriptor's value type makes a record for another topic a compile error. */
    public <V extends SpecificRecord> Batch event(TopicDescriptor<V> topic, String key, V value) {
        events.add(new Entry(topic.name(), key, value));
        return this;
    }

    public Batch checkpoint(String key, ConnectorCheckpoint value) {
        checkpoints.add(new Entry(Topics.CONNECTOR_CHECKPOINTS_TOPIC.name(), key, value));
        return this;
    }

    public List<Entry> events() {
        return List.copyOf(events);
    }

    public List<Entry> checkpoints() {
        return List.copyOf(checkpoints);
    }

    public boolean isEmpty() {
        return events.isEmpty() && checkpoints.isEmpty();
    }
}
