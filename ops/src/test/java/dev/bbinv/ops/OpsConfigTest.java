package dev.bbinv.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class OpsConfigTest {
    @Test
    void defaultsToPort9464OnLoopbackOnly() {
        OpsConfig cfg = new OpsConfig(Map.of("kafka.bootstrap.servers", "x:9092"));
        assertEquals(9464, cfg.httpPort());
        assertEquals("127.0.0.1", cfg.httpBindAddress());
    }

    @Test
    void aBadPortFailsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> new OpsConfig(Map.of("ops.http.port", "70000")));
        assertTrue(e.getMessage().contains("ops.http.port"), e.getMessage());
    }

    @Test
    void offLoopbackTheEndpointNeedsATokenItsOwnOrTheApis() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new OpsConfig(Map.of("ops.http.bind.address", "0.0.0.0")));
        assertTrue(e.getMessage().contains("configuration ops.http.token: ops.http.bind.address is 0.0.0.0"),
                e.getMessage());
        assertEquals("api", new OpsConfig(Map.of("ops.http.bind.address", "0.0.0.0", "api.token", "api")).httpToken());
        assertEquals("own", new OpsConfig(Map.of("ops.http.bind.address", "10.0.0.5", "api.token", "api",
                "ops.http.token", "own")).httpToken());
        assertEquals(null, new OpsConfig(Map.of()).httpToken(), "loopback without a token is fine");
    }
}
