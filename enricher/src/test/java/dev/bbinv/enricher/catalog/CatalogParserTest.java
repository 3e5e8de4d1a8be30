package dev.bbinv.enricher.catalog;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.catalog;
import static dev.bbinv.enricher.Fixtures.catalogStatus;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.CatalogFileStatus;

class CatalogParserTest {
    private static final String REPO = "{85d08b4e-571d-44e9-a507-fa476535aa98}";

    private static AppContext parse(String content) {
        return parse(content, Map.of(), CatalogLimits.DEFAULTS);
    }

    private static AppContext parse(String content, Map<String, String> overrides, CatalogLimits limits) {
        return CatalogParser.parse(catalog(cloud("p", "acme", T0), REPO, content, overrides), limits).orElseThrow();
    }

    @Test
    void mapsAValidComponent() {
        AppContext context = parse(resource("catalog/component.yaml"));
        assertEquals(AppContext.newBuilder()
                .setCatalogName("invoice-service")
                .setTitle("Invoice Service")
                .setCategory("service")
                .setLifecycle("production")
                .setOwner("group:default/billing-team")
                .setApplication("payments")
                .setFilePath("catalog-info.yaml")
                .setCommit("eefd5ef5d3df01aed629f650959d6706d54cd335")
                .setError(null)
                .build(), context);
    }

    @Test
    void picksTheComponentOfAMultiDocumentFile() {
        AppContext context = parse(resource("catalog/api-then-component.yaml"));
        assertEquals("ledger-gateway", context.getCatalogName());
        assertEquals("service", context.getCategory());
        assertNull(context.getError());
    }

    @Test
    void picksTheFirstEntityWhenThereIsNoComponent() {
        AppContext context = parse("""
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata: {name: payments}
                spec: {owner: finance}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: ledger-api}
                """);
        assertEquals("payments", context.getCatalogName());
        assertEquals("finance", context.getOwner());
    }

    @Test
    void missingFieldsAreNullNotAnError() {
        AppContext context = parse("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: bare
                """);
        assertEquals("bare", context.getCatalogName());
        assertNull(context.getTitle());
        assertNull(context.getOwner());
        assertNull(context.getApplication());
        assertNull(context.getError());
    }

    @Test
    void honoursPerAttributeKeyOverridesWithQuotedDots() {
        AppContext context = parse(resource("catalog/overrides.yaml"), Map.of(
                "owner", "metadata.annotations.\"acme.com/owner\"",
                "application", "metadata.annotations.\"acme.com/app\"",
                "category", "metadata.labels.tier"), CatalogLimits.DEFAULTS);
        assertEquals("team-frontend", context.getOwner());
        assertEquals("checkout", context.getApplication());
        assertEquals("gold", context.getCategory());
        assertEquals("billing-ui", context.getCatalogName()); // not overridden: default path
        assertEquals("production", context.getLifecycle());
    }

    @Test
    void anInvalidOverridePathIsARecordedError() {
        AppContext context = parse(resource("catalog/component.yaml"), Map.of("owner", "spec..owner"),
                CatalogLimits.DEFAULTS);
        assertTrue(context.getError().contains("attribute key override is invalid"), context.getError());
    }

    @Test
    void invalidYamlIsARecordedErrorNotAnException() {
        AppContext context = parse("apiVersion: v1\nkind: Component\nmetadata: {name: [unclosed\n");
        assertNull(context.getCatalogName());
        assertTrue(context.getError().startsWith("catalog file is not valid YAML"), context.getError());
        assertEquals("catalog-info.yaml", context.getFilePath());
    }

    @Test
    void aYamlBombIsRefusedQuickly() {
        AppContext context = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> parse(resource("catalog/billion-laughs.yaml")));
        assertTrue(context.getError().contains("aliases"), context.getError());
    }

    @Test
    void anOversizeFileIsARecordedError() {
        String big = resource("catalog/component.yaml") + "# " + "x".repeat(2_000) + "\n";
        AppContext context = parse(big, Map.of(), new CatalogLimits(1_000, 50, 50, 20));
        assertTrue(context.getError().matches("catalog file is \\d+ bytes, more than the limit of 1000"),
                context.getError());
    }

    @Test
    void tooDeepNestingIsARecordedError() {
        String deep = "apiVersion: v1\nkind: Component\nx: " + "[".repeat(60) + "]".repeat(60) + "\n";
        assertTrue(parse(deep).getError().startsWith("catalog file is not valid YAML"));
    }

    @Test
    void tooManyDocumentsIsARecordedError() {
        String many = "---\nkind: Component\napiVersion: v1\n".repeat(3);
        AppContext context = parse(many, Map.of(), new CatalogLimits(10_000, 50, 50, 2));
        assertEquals("catalog file has more than 2 documents", context.getError());
    }

    @Test
    void arbitraryTypesAreNotConstructed() {
        AppContext context = parse("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
                """);
        assertTrue(context.getError().startsWith("catalog file is not valid YAML"), context.getError());
    }

    @Test
    void aNonTextAttributeIsARecordedError() {
        AppContext context = parse("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: x}
                spec: {owner: {team: a}}
                """);
        assertEquals("spec.owner (owner) is a mapping, not text", context.getError());
    }

    @Test
    void aFileWithoutAnEntityIsARecordedError() {
        assertEquals("catalog file has no Backstage entity (a mapping with apiVersion and kind)",
                parse("just: some\nyaml: here\n").getError());
        assertEquals("catalog file is empty", parse("# nothing\n").getError());
    }

    @Test
    void numbersAndDatesAreGivenAsText() {
        AppContext context = parse("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: 42, title: 2026-11-01}
                """);
        assertEquals("42", context.getCatalogName());
        assertEquals("2026-11-01T00:00:00Z", context.getTitle());
    }

    @Test
    void anAbsentFileMeansNoAppContext() {
        assertEquals(Optional.empty(), CatalogParser.parse(
                catalogStatus(cloud("p", "acme", T0), REPO, CatalogFileStatus.ABSENT), CatalogLimits.DEFAULTS));
    }

    @Test
    void aTooLargeOrUnreadableFileIsARecordedError() {
        AppContext tooLarge = CatalogParser.parse(catalogStatus(cloud("p", "acme", T0), REPO,
                CatalogFileStatus.TOO_LARGE), CatalogLimits.DEFAULTS).orElseThrow();
        assertEquals("catalog file is larger than the connector may fetch (5000000 bytes)", tooLarge.getError());
        AppContext unreadable = CatalogParser.parse(catalogStatus(cloud("p", "acme", T0), REPO,
                CatalogFileStatus.UNREADABLE), CatalogLimits.DEFAULTS).orElseThrow();
        assertEquals("catalog file could not be read from Bitbucket", unreadable.getError());
        var forbidden = catalogStatus(cloud("p", "acme", T0), REPO, CatalogFileStatus.UNREADABLE);
        forbidden.setContent("GET /2.0/repositories/acme/svc/src/main/catalog-info.yaml answered 403: Forbidden");
        assertEquals("catalog file could not be read from Bitbucket: GET /2.0/repositories/acme/svc/src/main/"
                + "catalog-info.yaml answered 403: Forbidden",
                CatalogParser.parse(forbidden, CatalogLimits.DEFAULTS).orElseThrow().getError());
    }

    // The parser reuses one SnakeYAML instance per thread: nothing of one file may reach the next.

    @Test
    void anAnchorOfOneFileIsUnknownInTheNext() {
        String first = "apiVersion: v1\nkind: Component\nmetadata:\n  name: &n one\n";
        assertEquals("one", parse(first).getCatalogName());
        String second = "apiVersion: v1\nkind: Component\nmetadata:\n  name: *n\n";
        assertTrue(parse(second).getError().startsWith("catalog file is not valid YAML"), parse(second).getError());
    }

    @Test
    void aFileAfterAFailedOneOnTheSameThreadParsesNormally() {
        assertTrue(parse("apiVersion: v1\nkind: Component\nmetadata: {name: [unclosed\n").getError() != null);
        assertTrue(parse(resource("catalog/billion-laughs.yaml")).getError().contains("aliases"));
        assertEquals("invoice-service", parse(resource("catalog/component.yaml")).getCatalogName());
    }

    /** Three aliases to collections and a nesting depth of four: far inside SnakeYAML's own defaults (50 and 50). */
    private static final String THREE_ALIASES_FOUR_DEEP = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: aliased
              labels: &labels {tier: one}
            spec:
              a: *labels
              b: *labels
              c: *labels
              deep: {x: {y: [z]}}
            """;

    @Test
    void aMaxAliasesBelowTheDefaultIsApplied() {
        assertEquals("aliased", parse(THREE_ALIASES_FOUR_DEEP, Map.of(), new CatalogLimits(1024 * 1024, 50, 3, 20))
                .getCatalogName());
        AppContext context = parse(THREE_ALIASES_FOUR_DEEP, Map.of(), new CatalogLimits(1024 * 1024, 50, 2, 20));
        assertNull(context.getCatalogName());
        assertTrue(context.getError().startsWith("catalog file is not valid YAML: "
                + "Number of aliases for non-scalar nodes exceeds the specified max=2"), context.getError());
    }

    @Test
    void aMaxDepthBelowTheDefaultIsApplied() {
        assertEquals("aliased", parse(THREE_ALIASES_FOUR_DEEP, Map.of(), new CatalogLimits(1024 * 1024, 5, 50, 20))
                .getCatalogName());
        AppContext context = parse(THREE_ALIASES_FOUR_DEEP, Map.of(), new CatalogLimits(1024 * 1024, 4, 50, 20));
        assertNull(context.getCatalogName());
        assertTrue(context.getError().startsWith("catalog file is not valid YAML: Nesting Depth exceeded max 4"),
                context.getError());
    }

    @Test
    void otherLimitsOnTheSameThreadApplyAtOnce() {
        String twoDocuments = "a: 1\n---\n" + resource("catalog/component.yaml");
        assertEquals("invoice-service", parse(twoDocuments).getCatalogName());
        assertEquals("catalog file has more than 1 documents",
                parse(twoDocuments, Map.of(), new CatalogLimits(1024 * 1024, 50, 50, 1)).getError());
        assertEquals("invoice-service", parse(twoDocuments).getCatalogName());
    }
}
