package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void readmeSettingsTableIsTheOneGeneratedFromTheConfigDefs() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String generated = ConfigReference.markdown(ConfigReference.roles());
        assertEquals(ConfigReference.replaceSection(readme, generated), readme,
                "README.md's settings table is stale: replace its section with the output of `./bbinv docs settings`");
    }

    @Test
    void tableShowsTypeDefaultAndHidesSecretDefaults() {
        ConfigDef def = new ConfigDef()
                .define("poll.interval.ms", ConfigDef.Type.LONG, 60000L, ConfigDef.Importance.HIGH, "How often | to poll.")
                .define("api.token", ConfigDef.Type.PASSWORD, "s3cret", ConfigDef.Importance.HIGH, "A token.")
                .define("kafka.bootstrap.servers", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Brokers.");
        String table = ConfigReference.markdown(Map.of("demo", def));
        assertTrue(table.contains("| `poll.interval.ms` | long | `60000` | How often \\| to poll. |"), table);
        assertTrue(table.contains("| `api.token` | password | (secret) | A token. |"), table);
        assertTrue(table.contains("| `kafka.bootstrap.servers` | string | required | Brokers. |"), table);
        assertTrue(!table.contains("s3cret"), table);
    }

    @Test
    void replacingRequiresTheMarkers() {
        assertThrows(IllegalArgumentException.class, () -> ConfigReference.replaceSection("no markers", "x"));
    }
}
