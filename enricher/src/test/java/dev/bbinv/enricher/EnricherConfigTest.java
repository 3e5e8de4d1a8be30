package dev.bbinv.enricher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bbinv.enricher.catalog.CatalogLimits;
import dev.bbinv.enricher.state.EmitPolicy;
import dev.bbinv.enricher.topology.TopologySettings;

class EnricherConfigTest {
    private static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "broker:9092");
        m.put("schema.registry.url", "http://registry:8081");
        return m;
    }

    @Test
    void defaults() {
        EnricherConfig config = new EnricherConfig(minimal());
        assertEquals("bbinv-enricher", config.applicationId());
        assertEquals(URI.create("http://registry:8081"), config.schemaRegistryUrl());
        assertNull(config.getPassword(EnricherConfig.SCHEMA_REGISTRY_USER_INFO_CONFIG));
        assertEquals(CatalogLimits.DEFAULTS, config.topologySettings().catalogLimits());
        assertEquals(new EmitPolicy(Duration.ofHours(24)), config.topologySettings().emitPolicy());
        assertTrue(config.topologySettings().policies().isEmpty());
        assertEquals(Duration.ofMinutes(1), config.topologySettings().freshnessCheckInterval());

        Map<String, Object> streams = config.streamsProperties();
        assertEquals("broker:9092", streams.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("bbinv-enricher", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(1, streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals(100L, streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(-1, streams.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals(10L * 1024 * 1024, streams.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        assertFalse(streams.containsKey(StreamsConfig.STATE_DIR_CONFIG));
    }

    @Test
    void settingsReachTheTopologyAndStreams() {
        Map<String, Object> m = minimal();
        m.put("catalog.max.bytes", "2048");
        m.put("catalog.max.depth", "10");
        m.put("catalog.max.aliases", "5");
        m.put("catalog.max.documents", "3");
        m.put("asset.last.seen.refresh.ms", "60000");
        m.put("application.id", "enricher-b");
        m.put("state.dir", "/var/lib/bbinv");
        m.put("num.stream.threads", "2");
        m.put("replication.factor", "3");
        m.put("kafka.client.security.protocol", "SSL");
        EnricherConfig config = new EnricherConfig(m);
        assertEquals(new CatalogLimits(2048, 10, 5, 3), config.topologySettings().catalogLimits());
        assertEquals(new EmitPolicy(Duration.ofMinutes(1)), config.topologySettings().emitPolicy());
        Map<String, Object> streams = config.streamsProperties();
        assertEquals("enricher-b", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("/var/lib/bbinv", streams.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals(2, streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals(3, streams.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("SSL", streams.get("security.protocol"));
        assertFalse(streams.containsKey("kafka.client.security.protocol"));
    }

    @Test
    void aMissingBootstrapServerFailsNamingTheKey() {
        Map<String, Object> m = minimal();
        m.remove("kafka.bootstrap.servers");
        ConfigException e = assertThrows(ConfigException.class, () -> new EnricherConfig(m));
        assertTrue(e.getMessage().contains("kafka.bootstrap.servers"), e.getMessage());
    }

    @Test
    void aRegistryUrlThatIsNotHttpFailsNamingKeyAndValue() {
        Map<String, Object> m = minimal();
        m.put("schema.registry.url", "registry:8081");
        ConfigException e = assertThrows(ConfigException.class, () -> new EnricherConfig(m));
        assertEquals("Invalid value registry:8081 for configuration schema.registry.url: "
                + "must be an absolute http:// or https:// URL", e.getMessage());
    }

    @Test
    void outOfRangeValuesFailNamingTheKey() {
        Map<String, Object> m = minimal();
        m.put("catalog.max.depth", "0");
        ConfigException e = assertThrows(ConfigException.class, () -> new EnricherConfig(m));
        assertTrue(e.getMessage().contains("catalog.max.depth"), e.getMessage());
        Map<String, Object> n = minimal();
        n.put("num.stream.threads", "many");
        assertTrue(assertThrows(ConfigException.class, () -> new EnricherConfig(n)).getMessage()
                .contains("num.stream.threads"));
    }

    @Test
    void theRegistryPasswordIsHiddenWhenPrinted() {
        Map<String, Object> m = minimal();
        m.put("schema.registry.basic.auth.user.info", "svc:s3cret-value");
        EnricherConfig config = new EnricherConfig(m);
        assertEquals("svc:s3cret-value", config.getPassword(EnricherConfig.SCHEMA_REGISTRY_USER_INFO_CONFIG).value());
        assertEquals("[hidden]", config.getPassword(EnricherConfig.SCHEMA_REGISTRY_USER_INFO_CONFIG).toString());
        assertFalse(config.values().toString().contains("s3cret"), config.values().toString());
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (String key : EnricherConfig.CONFIG_DEF.names()) {
            assertTrue(readme.contains("| `" + key + "` |"), "README.md lacks a row for " + key);
        }
    }

    @Test
    void thePolicyFileAndTheFreshnessIntervalReachTheTopology(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, "rules:\n  - name: prod\n    when: {lifecycle: production}\n    then: {class: A}\n");
        Map<String, Object> m = minimal();
        m.put("policies.file", file.toString());
        m.put("freshness.check.interval.ms", "5000");
        TopologySettings settings = new EnricherConfig(m).topologySettings();
        assertFalse(settings.policies().isEmpty());
        assertEquals(Duration.ofSeconds(5), settings.freshnessCheckInterval());
    }

    @Test
    void theRoleRefusesToStartWithABadPolicyFileNamingTheKeyTheRuleAndTheProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, "rules:\n  - name: ok\n    then: {class: B}\n"
                + "  - name: prod\n    when: {lifecycle: production}\n    then: {class: Z}\n");
        Map<String, Object> m = minimal();
        m.put("policies.file", file.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> EnricherRole.start(m));
        assertEquals("policies.file: policies file " + file + ": rule 2 'prod': class 'Z' is not one of A, B, C, D",
                e.getMessage());
        m.put("policies.file", dir.resolve("missing.yaml").toString());
        assertTrue(assertThrows(ConfigException.class, () -> EnricherRole.start(m)).getMessage()
                .startsWith("policies.file: cannot read policies file " + dir.resolve("missing.yaml")));
    }

    @Test
    void theRoleRefusesToStartWithBadConfigNamingTheKey() {
        Map<String, Object> m = minimal();
        m.put("catalog.max.documents", "-3");
        ConfigException e = assertThrows(ConfigException.class, () -> EnricherRole.start(m));
        assertTrue(e.getMessage().contains("catalog.max.documents"), e.getMessage());
    }
}
