package dev.bbinv.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bbinv.connector.ConnectorRole;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.enricher.EnricherRole;
import dev.bbinv.sink.SinkRole;

/** The three roles started together on one set of topics, stopped in the reverse order. */
final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private SinkRole sink;
    private EnricherRole enricher;
    private ConnectorRole connector;

    /** Starts sink, enricher, then connector, so that every event has a consumer by the time it is published. */
    static Pipeline start(Map<String, ?> settings, List<Profile> profiles) {
        Pipeline p = new Pipeline();
        try {
            p.sink = p.track(SinkRole.start(settings));
            p.enricher = p.track(EnricherRole.start(settings));
            p.connector = p.track(ConnectorRole.start(settings, profiles));
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T track(T role) {
        started.push(role);
        return role;
    }

    SinkRole sink() {
        return sink;
    }

    EnricherRole enricher() {
        return enricher;
    }

    ConnectorRole connector() {
        return connector;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable role = started.pop();
            try {
                role.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", role.getClass().getSimpleName(), e.toString());
            }
        }
    }

    static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofMinutes(30);
}
