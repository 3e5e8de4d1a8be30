package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void kafkaClientSettingsComeFromTheEnvironmentAndSetLikeAnyOther() {
        Map<String, Object> merged = Settings.merge(Map.of("poll.interval.ms", "1000"),
                Map.of("BBINV_KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL", "BBINV_POLL_INTERVAL_MS", "2000",
                        "BBINV_NOT_A_SETTING", "x", "HOME", "/root"),
                List.of("kafka.client.sasl.mechanism=PLAIN", "schema.registry.basic.auth.user.info=svc:pw"));

        assertEquals("SSL", merged.get("kafka.client.security.protocol"));
        assertEquals("PLAIN", merged.get("kafka.client.sasl.mechanism"));
        assertEquals("2000", merged.get("poll.interval.ms"));
        assertEquals("svc:pw", merged.get("schema.registry.basic.auth.user.info"));
        assertFalse(merged.containsKey("not.a.setting"));
    }

    @Test
    void aMisspeltSetIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.merge(Map.of(), Map.of(), List.of("pol.interval.ms=5")));
        assertTrue(e.getMessage().contains("pol.interval.ms"), e.getMessage());
    }
}
