package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/** Proves a secret went nowhere: every log event of the run (with stack traces), every topic's bytes, a file's bytes. */
final class SecretWatch {
    private final List<String> forms = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    /** Our loggers' level before the watch set DEBUG (null: inherited), given back by {@link #stop()}. */
    private Level levelBefore;
    private boolean stopped;

    private SecretWatch(String... secrets) {
        for (String secret : secrets) {
            // A secret also travels Base64-encoded inside a Basic header; neither form may leak.
            forms.add(secret);
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static SecretWatch start(String... secrets) {
        return start(List.of(), secrets);
    }

    /**
     * Also watches the exact {@code Authorization} values a pipeline sends (see {@link #basic} and {@link #bearer}):
     * the Base64 of a secret alone is inside a Basic header only when the user part's length is a multiple of 3.
     */
    static SecretWatch start(List<String> authorizationValues, String... secrets) {
        SecretWatch watch = new SecretWatch(secrets);
        for (String value : authorizationValues) {
            watch.forms.add(value);
            watch.forms.add(value.substring(value.indexOf(' ') + 1));
        }
        // Our code at DEBUG, where the connector logs every request it sends.
        Logger ours = (Logger) LoggerFactory.getLogger("dev.bbinv");
        watch.levelBefore = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        watch.appender.start();
        root().addAppender(watch.appender);
        return watch;
    }

    /** Stops watching the logs: detaches the appender and gives our loggers their level back. Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        root().detachAppender(appender);
        appender.stop();
        ((Logger) LoggerFactory.getLogger("dev.bbinv")).setLevel(levelBefore);
    }

    /** Stops watching, then checks every log event of the run, stack traces included. */
    void assertAbsentFromLogs() {
        stop();
        List<ILoggingEvent> events = new ArrayList<>(appender.list);
        assertTrue(events.size() > 20, "the run logged: " + events.size() + " events");
        for (ILoggingEvent e : events) {
            String text = e.getFormattedMessage() + throwableText(e.getThrowableProxy());
            for (String form : forms) {
                assertFalse(text.contains(form), "a log line of " + e.getLoggerName() + " holds the secret");
            }
        }
    }

    void assertAbsentFromTopics(String bootstrap) throws Exception {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Set<String> topics;
        try (Admin admin = Admin.create(cfg)) {
            topics = admin.listTopics().names().get();
        }
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    assertNotIn(r.key(), r.topic() + " key");
                    assertNotIn(r.value(), r.topic() + "-" + r.partition() + "@" + r.offset());
                    r.headers().forEach(h -> assertNotIn(h.value(), r.topic() + " header " + h.key()));
                }
            }
        }
        assertTrue(records > 100, "read " + records + " records from " + topics);
    }

    /** The {@code Authorization} value of a Basic credential. */
    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} value of a bearer token. */
    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Checks a text the pipeline produced: an HTTP body, a CLI output, an error message. */
    void assertAbsentFrom(String text, String where) {
        assertNotIn(text.getBytes(StandardCharsets.UTF_8), where);
    }

    private void assertAbsentFromFile(Path file) throws Exception {
        assertNotIn(Files.readAllBytes(file), file.toString());
    }

    /** Checks the SQLite inventory in {@code dataDir}: its database file and, when there is one, its write-ahead log. */
    void assertAbsentFromDatabase(Path dataDir) throws Exception {
        assertTrue(Files.exists(dataDir.resolve("inventory.db")), "no inventory.db in " + dataDir);
        for (String file : List.of("inventory.db", "inventory.db-wal")) {
            if (Files.exists(dataDir.resolve(file))) {
                assertAbsentFromFile(dataDir.resolve(file));
            }
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private void assertNotIn(byte[] bytes, String where) {
        if (bytes == null) {
            return;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String form : forms) {
            assertFalse(text.contains(form), where + " holds the secret");
        }
    }

    private static String throwableText(IThrowableProxy t) {
        StringBuilder out = new StringBuilder();
        for (IThrowableProxy p = t; p != null; p = p.getCause()) {
            out.append(' ').append(p.getClassName()).append(": ").append(p.getMessage());
            Arrays.stream(p.getStackTraceElementProxyArray()).forEach(s -> out.append(' ').append(s.getSTEAsString()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SecretWatch([hidden], " + forms.size() + " form(s))";
    }
}
