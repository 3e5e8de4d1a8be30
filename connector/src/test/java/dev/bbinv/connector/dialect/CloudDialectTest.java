package dev.bbinv.connector.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class CloudDialectTest {
    private static final Dialect CLOUD = Dialect.of(ServiceKind.CLOUD);
    private static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final CatalogFile FOUND = new CatalogFile(CatalogFile.Status.FOUND,
            "kind: Component".getBytes(StandardCharsets.UTF_8), 15, "e", "main");

    static ApiObject json(String text) throws Exception {
        return ApiObject.of(new ObjectMapper().readTree(text));
    }

    @Test
    void theKindPicksTheDialect() {
        assertSame(CloudDialect.INSTANCE, CLOUD);
        assertEquals(ServiceKind.CLOUD, CLOUD.kind());
    }

    @Test
    void theSourceIdIsTheUuidWithItsBracesAndTheKeyIgnoresTheBaseUrl() throws Exception {
        assertEquals("{ABC-1}", CLOUD.sourceId(json("{\"uuid\":\"{ABC-1}\",\"id\":7}")));
        assertEquals("cloud:abc-1", CLOUD.assetId("https://x", "{ABC-1}"));
        assertEquals(CLOUD.assetId("https://a", "{u}"), CLOUD.assetId("https://b", "{u}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CLOUD.sourceId(json("{\"id\":7}")));
        assertEquals("a Cloud object without uuid", e.getMessage());
    }

    @Test
    void catalogFilesCanBeSearchedAndTheDefaultBranchIsTheMainBranch() throws Exception {
        assertNull(CLOUD.catalogSearchUnsupported("catalog-info.yaml"));
        assertNull(CLOUD.catalogSearchUnsupported("docs/catalog-info.yaml"));
        assertTrue(CLOUD.listsPushTimes());
        assertEquals("trunk", CLOUD.defaultBranch(json("{\"uuid\":\"{u}\",\"mainbranch\":{\"name\":\"trunk\"}}")));
        assertNull(CLOUD.defaultBranch(json("{\"uuid\":\"{u}\"}")));
    }

    @Test
    void nothingIsArchivedAndRepositoriesListIncrementally() throws Exception {
        assertFalse(CLOUD.isArchived(json("{\"uuid\":\"{u}\",\"archived\":true}")));
        assertTrue(CLOUD.incrementalListing());
    }

    @Test
    void theCatalogFileIsAskedAgainExactlyWhenUpdatedOnMoved() {
        String t1 = "2026-01-01T00:00:00+00:00";
        assertFalse(CLOUD.catalogDue(t1, t1, true, NOW, DAY), "JSON changes alone do not refetch");
        assertTrue(CLOUD.catalogDue("2026-01-01T01:00:00+00:00", t1, false, NOW, DAY));
        assertTrue(CLOUD.catalogDue(t1, null, false, NOW, DAY));
        assertEquals(t1, CLOUD.catalogValidator(t1, FOUND, NOW), "updated_on is the validator");
        assertTrue(CLOUD.sameCatalogResult(t1, t1, t1));
        assertFalse(CLOUD.sameCatalogResult(t1, t1, "2025-01-01T00:00:00+00:00"));
    }

    @Test
    void anObjectWithoutUpdatedOnIsAskedAgainAsOnDataCenter() {
        Dialect dc = Dialect.of(ServiceKind.SERVER);
        String validator = CLOUD.catalogValidator(null, FOUND, NOW.minus(DAY));
        assertEquals(dc.catalogValidator(null, FOUND, NOW.minus(DAY)), validator);
        assertTrue(CLOUD.catalogDue(null, validator, false, NOW, DAY), "the refresh interval passed");
        assertFalse(CLOUD.catalogDue(null, validator, false, NOW, Duration.ofDays(2)));
        assertTrue(CLOUD.sameCatalogResult(null, CLOUD.catalogValidator(null, FOUND, NOW), validator));
    }

    @Test
    void messagesNameWorkspacesAndApiTokenScopes() {
        assertEquals("repositories of workspace 'acme'", CLOUD.listing("https://x", Entity.REPOSITORIES, "acme"));
        assertEquals("users of workspace 'acme'", CLOUD.listing("https://x", Entity.USERS, "acme"));
        assertEquals("workspace 'ghost' not found or not visible to this credential",
                CLOUD.notFoundReason("https://x", Entity.USERS, "ghost"));
        assertEquals("read:repository:bitbucket", CLOUD.listingPermission(Entity.REPOSITORIES));
        assertEquals("read:workspace:bitbucket", CLOUD.listingPermission(Entity.USERS));
        assertEquals("workspaces", CLOUD.scopesNoun());
        assertEquals(" (an access token cannot list workspaces: name them under 'workspaces' in the profile)",
                CLOUD.scopesRefusedHint(Credentials.Scheme.BEARER));
        assertEquals("", CLOUD.scopesRefusedHint(Credentials.Scheme.BASIC));
        assertTrue(CLOUD.permissionsHint().contains("read:user:bitbucket"));
        assertTrue(CLOUD.baseUrlHint().contains("/2.0"));
        assertTrue(CLOUD.credentialsHint().contains("API token"));
    }
}
