package dev.bbinv.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
    private static Map<String, Object> minimal() {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "localhost:9092");
        config.put("schema.registry.url", "http://localhost:8081");
        return config;
    }

    @Test
    void appliesEveryDefault() {
        ConnectorConfig config = new ConnectorConfig(minimal());
        assertEquals("localhost:9092", config.bootstrapServers());
        assertEquals(URI.create("http://localhost:8081"), config.schemaRegistryUrl());
        assertEquals(Duration.ofMinutes(5), config.pollInterval());
        assertEquals(Duration.ofDays(1), config.fullScanInterval());
        assertEquals(1000, config.requestBudget());
        assertEquals(Duration.ofHours(1), config.requestBudgetWindow());
        assertEquals(4.0, config.requestRatePerSecond());
        assertEquals(40, config.requestRateBurst());
        assertEquals(Duration.ofMinutes(15), config.authRetryBackoff());
        assertEquals(0.5, config.removalMaxShare());
        assertEquals(Duration.ofSeconds(30), config.httpTimeout());
        assertEquals(32L * 1024 * 1024, config.maxResponseBytes());
        assertEquals(1024L * 1024, config.catalogMaxBytes());
        assertEquals(Duration.ofHours(1), config.catalogSearchIndexLag());
        assertEquals(5, config.retryMaxAttempts());
        assertEquals(Duration.ofSeconds(1), config.retryBackoffInitial());
        assertEquals(Duration.ofMinutes(1), config.retryBackoffMax());
        assertEquals("bbinv-connector", config.transactionalId());
        assertNull(config.proxyUrl());
        assertNull(config.profilesFile());
        assertEquals(new CommitSettings(true, 90, Duration.ofHours(6), 10, 4), config.commitSettings());
    }

    @Test
    void commitSettingsAreReadAndAZeroWindowIsRejectedNamingKeyAndValue() {
        Map<String, Object> config = minimal();
        config.put("commits.enabled", "false");
        config.put("commits.window.days", "30");
        config.put("commits.refresh.interval.ms", "60000");
        config.put("commits.max.pages", "3");
        config.put("commits.read.concurrency", "2");
        assertEquals(new CommitSettings(false, 30, Duration.ofMinutes(1), 3, 2), new ConnectorConfig(config).commitSettings());
        config.put("commits.window.days", "0");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("commits.window.days") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void aRequestRateOfZeroIsRejectedNamingKeyAndValue() {
        Map<String, Object> config = minimal();
        config.put("request.rate.per.second", "0");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("request.rate.per.second") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void aNegativeSearchIndexLagIsRejectedNamingTheKey() {
        Map<String, Object> props = new java.util.HashMap<>(minimal());
        props.put("catalog.search.index.lag.ms", "-1");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(props));
        assertTrue(e.getMessage().contains("catalog.search.index.lag.ms"), e.getMessage());
    }

    @Test
    void missingBootstrapServersNamesTheKey() {
        Map<String, Object> config = minimal();
        config.remove("kafka.bootstrap.servers");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("kafka.bootstrap.servers"), e.getMessage());
    }

    @Test
    void removalShareAboveOneIsRejectedNamingKeyAndValue() {
        Map<String, Object> config = minimal();
        config.put("removal.max.share", "1.5");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("removal.max.share") && e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void registryUrlMustBeHttp() {
        Map<String, Object> config = minimal();
        config.put("schema.registry.url", "localhost:8081");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    }

    @Test
    void fullScanIntervalShorterThanPollIntervalIsRejected() {
        Map<String, Object> config = minimal();
        config.put("poll.interval.ms", "60000");
        config.put("full.scan.interval.ms", "1000");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("full.scan.interval.ms"), e.getMessage());
    }

    @Test
    void aMissingTrustStoreFileIsRejectedAtStart() {
        Map<String, Object> config = minimal();
        config.put("http.truststore.path", "/no/such/trust.p12");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConnectorConfig(config));
        assertTrue(e.getMessage().contains("http.truststore.path") && e.getMessage().contains("/no/such/trust.p12"),
                e.getMessage());
    }

    @Test
    void trustStorePasswordIsHiddenWhenPrinted() {
        Map<String, Object> config = minimal();
        config.put("http.truststore.password", "very-secret");
        ConnectorConfig parsed = new ConnectorConfig(config);
        assertTrue(parsed.values().toString().contains("[hidden]"));
        assertTrue(!parsed.values().toString().contains("very-secret"));
        assertTrue(!parsed.httpSettings().toString().contains("very-secret"));
    }

    @Test
    void envVariablesMapToDottedKeys() {
        assertEquals("poll.interval.ms", EnvKeys.keyOf("BBINV_POLL_INTERVAL_MS"));
        assertEquals("kafka.bootstrap.servers", EnvKeys.keyOf("BBINV_KAFKA_BOOTSTRAP_SERVERS"));
        assertNull(EnvKeys.keyOf("PATH"));
        assertNull(EnvKeys.keyOf("BBINV_"));
        Map<String, String> picked = EnvKeys.configFrom(
                Map.of("BBINV_POLL_INTERVAL_MS", "1000", "BBINV_NOT_A_KEY", "x", "HOME", "/root"),
                ConnectorConfig.CONFIG_DEF.names());
        assertEquals(Map.of("poll.interval.ms", "1000"), picked);
    }
}
