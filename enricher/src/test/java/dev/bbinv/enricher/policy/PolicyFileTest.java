package dev.bbinv.enricher.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bbinv.schemas.avro.AssetClass;

class PolicyFileTest {

    @Test
    void readsRulesInFileOrderWithConditionsAndActions() {
        List<PolicyRule> rules = PolicyFile.parse("""
                rules:
                  - name: production is A
                    when:
                      lifecycle: production
                      languages: [Java, Go]
                    then:
                      class: a
                  - name: dormant
                    when: {freshness: NA, archived: false}
                    then:
                      labels: stale
                      tags: ["platform:aws", "team: payments"]
                """, "test.yaml");

        assertEquals(List.of("production is A", "dormant"), rules.stream().map(PolicyRule::name).toList());
        assertEquals(AssetClass.A, rules.get(0).assetClass());
        assertEquals(List.of("Java", "Go"), rules.get(0).when().get(1).accepted());
        assertEquals(List.of("N/A"), rules.get(1).when().get(0).accepted());
        assertEquals(List.of("stale"), rules.get(1).labels());
        assertEquals(List.of(new PolicyRule.TagValue("platform", "aws"), new PolicyRule.TagValue("team", "payments")),
                rules.get(1).tags());
        assertEquals("policy:dormant", rules.get(1).source());
    }

    @Test
    void eachProblemIsNamedWithItsRule() {
        assertProblem("rules:\n  - name: x\n    when: {colour: red}\n    then: {class: A}\n",
                "rule 1 'x': unknown condition 'colour' (allowed: name, visibility, archived, languages, owner, "
                        + "application, lifecycle, category, freshness, profile, workspace, project)");
        assertProblem("rules:\n  - name: ok\n    then: {class: A}\n  - name: bad class\n    then: {class: E}\n",
                "rule 2 'bad class': class 'E' is not one of A, B, C, D");
        assertProblem("rules:\n  - when: {name: x}\n    then: {class: A}\n", "rule 1: 'name' is required");
        assertProblem("rules:\n  - name: t\n    then: {tags: [novalue]}\n",
                "rule 1 't': tag 'novalue' is not key:value (both non-empty)");
        assertProblem("rules:\n  - name: t\n    then: {class: A}\n  - name: t\n    then: {class: B}\n",
                "rule 2 't': another rule has the same name");
        assertProblem("rules:\n  - name: t\n    when: {freshness: stale}\n    then: {class: A}\n",
                "rule 1 't': freshness 'stale' is not one of Active, Inactive, Dormant, N/A");
        assertProblem("rules:\n  - name: t\n    when: {visibility: secret}\n    then: {class: A}\n",
                "rule 1 't': visibility 'secret' is not one of private, public");
        assertProblem("rules:\n  - name: t\n    then: {colour: A}\n", "rule 1 't' 'then': unknown key 'colour'");
        assertProblem("rules:\n  - name: t\n    when: {name: x}\n", "rule 1 't': 'then' is required");
        assertProblem("rules:\n  - name: t\n    when: {name: []}\n    then: {class: A}\n",
                "rule 1 't': condition 'name' has no value");
        assertProblem("policies: []\n", "unknown key 'policies'");
        assertProblem("rules: [\n", "is not valid YAML");
        assertProblem("rules:\n  - name: t\n    name: u\n    then: {class: A}\n", "is not valid YAML");
    }

    @Test
    void aFileIsReadAndAMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, "rules:\n  - name: all\n    then: {labels: [inventoried]}\n");
        assertEquals(List.of("inventoried"), PolicyFile.load(file).get(0).labels());
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> PolicyFile.load(dir.resolve("nope")));
        assertTrue(e.getMessage().startsWith("cannot read policies file " + dir.resolve("nope")), e.getMessage());
    }

    @Test
    void theExampleFileOfTheDocsIsValid() {
        Path example = Path.of("..", "docs", "policies.example.yaml");
        List<PolicyRule> rules = PolicyFile.load(example);
        assertTrue(rules.size() >= 3, rules.toString());
    }

    private static void assertProblem(String yaml, String expected) {
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> PolicyFile.parse(yaml, "p.yaml"));
        assertTrue(e.getMessage().startsWith("policies file p.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
