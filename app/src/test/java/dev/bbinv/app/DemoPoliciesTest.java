package dev.bbinv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The demo's policy file: written to the data folder, in the enricher's rule format, with the rules the issue asks for. */
class DemoPoliciesTest {

    @Test
    @SuppressWarnings("unchecked")
    void theDemoWritesItsPolicyRulesToTheDataFolder(@TempDir Path dataDir) throws Exception {
        Path file = DemoCommand.writePolicies(dataDir);

        assertEquals(dataDir.resolve("demo-policies.yaml"), file);
        List<Map<String, Object>> rules = (List<Map<String, Object>>) new Yaml()
                .<Map<String, Object>>load(Files.readString(file)).get("rules");
        Map<String, Object> production = rules.get(0);
        assertEquals(Map.of("lifecycle", "production"), production.get("when"));
        assertEquals(Map.of("class", "A"), production.get("then"));
        assertTrue(rules.stream().anyMatch(r -> ((Map<String, Object>) r.get("then")).containsKey("tags")), "a tag rule");
        assertTrue(rules.stream().anyMatch(r -> ((Map<String, Object>) r.get("then")).containsKey("labels")), "a label rule");
        for (Map<String, Object> rule : rules) {
            assertEquals(java.util.Set.of("name", "when", "then"), rule.keySet(), "the enricher's rule keys: " + rule);
        }
    }
}
