package dev.bbinv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SinkConfigTest {
    private static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "localhost:9092");
        m.put("schema.registry.url", "http://localhost:8081");
        return m;
    }

    @Test
    void everyDefault() {
        SinkConfig c = new SinkConfig(minimal());

        assertEquals("jdbc:sqlite:./data/inventory.db", c.jdbcUrl());
        assertEquals("bbinv-sink", c.groupId());
        assertEquals(20_000, c.batchMaxRecords());
        assertEquals(Duration.ofMillis(500), c.pollTimeout());
        assertEquals(Duration.ofMillis(200), c.retryBackoffInitial());
        assertEquals(Duration.ofSeconds(10), c.retryBackoffMax());
        assertTrue(c.apiEnabled());
        assertEquals(8088, c.apiPort());
        assertEquals("127.0.0.1", c.apiBindAddress());
        assertEquals(null, c.jdbcPassword());
    }

    @Test
    void aMissingBrokerListFailsNamingTheKey() {
        Map<String, Object> m = minimal();
        m.remove("kafka.bootstrap.servers");

        ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(m));

        assertTrue(e.getMessage().contains("kafka.bootstrap.servers"), e.getMessage());
    }

    @Test
    void anUnsupportedJdbcUrlFailsNamingTheKeyWithoutThePassword() {
        Map<String, Object> m = minimal();
        m.put("inventory.jdbc.url", "jdbc:mysql://db/inv?password=hunter2");

        ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(m));

        assertEquals("Invalid value jdbc:mysql://db/inv?password=[hidden] for configuration inventory.jdbc.url: "
                + "unsupported JDBC URL 'jdbc:mysql://db/inv?password=[hidden]': use jdbc:sqlite:<file> or "
                + "jdbc:postgresql://host:port/db", e.getMessage());
    }

    @Test
    void badNumbersAndUrlsFailNamingTheKey() {
        Map<String, Object> batch = minimal();
        batch.put("sink.batch.max.records", "0");
        Map<String, Object> registry = minimal();
        registry.put("schema.registry.url", "localhost:8081");
        Map<String, Object> backoff = minimal();
        backoff.put("sink.retry.backoff.initial.ms", "5000");
        backoff.put("sink.retry.backoff.max.ms", "100");

        assertTrue(assertThrows(ConfigException.class, () -> new SinkConfig(batch)).getMessage()
                .contains("sink.batch.max.records"));
        assertTrue(assertThrows(ConfigException.class, () -> new SinkConfig(registry)).getMessage()
                .contains("schema.registry.url"));
        assertEquals("Invalid value 100 for configuration sink.retry.backoff.max.ms: must be at least "
                        + "sink.retry.backoff.initial.ms (5000)",
                assertThrows(ConfigException.class, () -> new SinkConfig(backoff)).getMessage());
    }

    @Test
    void thePasswordIsHiddenWhenTheConfigIsPrintedAndKafkaClientSettingsPassThrough() {
        Map<String, Object> m = minimal();
        m.put("inventory.jdbc.password", "s3cret-pw");
        m.put("kafka.client.security.protocol", "SSL");

        SinkConfig c = new SinkConfig(m);

        assertEquals("s3cret-pw", c.jdbcPassword());
        assertFalse(c.toString().contains("s3cret-pw"));
        assertFalse(String.valueOf(c.values()).contains("s3cret-pw"));
        assertEquals(Map.of("security.protocol", "SSL"), c.kafkaClientOverrides());
    }

    @Test
    void anApiBoundOffLoopbackWithoutATokenRefusesToStartNamingTheSetting() {
        Map<String, Object> m = minimal();
        m.put("api.bind.address", "0.0.0.0");

        ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(m));

        assertEquals("Invalid value [not set] for configuration api.token: api.bind.address is 0.0.0.0, which other "
                + "hosts can reach: set api.token (a long random secret) so that only callers bearing it are answered,"
                + " or bind to 127.0.0.1", e.getMessage());
        m.put("api.token", "s3cret");
        assertEquals("s3cret", new SinkConfig(m).apiToken());
        m.remove("api.token");
        m.put("api.enabled", false);
        assertFalse(new SinkConfig(m).apiEnabled(), "no API, nothing to guard");
    }

    @Test
    void kafkaClientSettingsCannotOverrideWhatTheGuaranteesRestOn() {
        for (String key : new String[] {"isolation.level", "enable.idempotence", "acks", "transactional.id"}) {
            Map<String, Object> m = minimal();
            m.put("kafka.client." + key, "x");

            ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(m).kafkaClientOverrides());

            assertTrue(e.getMessage().contains("kafka.client." + key) && e.getMessage().contains("cannot be overridden"),
                    e.getMessage());
        }
    }
}
