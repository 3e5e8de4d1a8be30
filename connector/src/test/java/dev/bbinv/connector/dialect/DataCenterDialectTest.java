package dev.bbinv.connector.dialect;

import static dev.bbinv.connector.dialect.CloudDialectTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class DataCenterDialectTest {
    private static final Dialect DC = Dialect.of(ServiceKind.SERVER);
    private static final String BASE = "https://bb.example.com";
    private static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final CatalogFile FOUND = new CatalogFile(CatalogFile.Status.FOUND,
            "kind: Component".getBytes(StandardCharsets.UTF_8), 15, "e", "main");

    @Test
    void rootCatalogFilesAreSearchedNestedOnesProbedAndTheDefaultBranchIsDefaultBranch() throws Exception {
        assertEquals(null, DC.catalogSearchUnsupported("catalog-info.yaml"));
        assertEquals("Data Center search finds root files only; 'docs/catalog-info.yaml' is in a folder",
                DC.catalogSearchUnsupported("docs/catalog-info.yaml"));
        assertEquals(false, DC.listsPushTimes());
        assertEquals("develop", DC.defaultBranch(json("{\"id\":1,\"defaultBranch\":\"develop\"}")));
    }

    @Test
    void theKindPicksTheDialect() {
        assertSame(DataCenterDialect.INSTANCE, DC);
        assertEquals(ServiceKind.SERVER, DC.kind());
    }

    @Test
    void theSourceIdIsTheNumericIdAndTheKeyNamesTheInstance() throws Exception {
        assertEquals("42", DC.sourceId(json("{\"id\":42,\"uuid\":\"{u}\"}")));
        assertEquals("server:https://bb.example.com:42", DC.assetId(BASE, "42"));
        assertThrows(IllegalArgumentException.class, () -> DC.sourceId(json("{\"uuid\":\"{u}\"}")));
        assertThrows(IllegalArgumentException.class, () -> DC.sourceId(json("{\"id\":\"abc\"}")));
    }

    @Test
    void archivedIsReadFromTheRepositoryAndNothingListsIncrementally() throws Exception {
        assertTrue(DC.isArchived(json("{\"id\":1,\"archived\":true}")));
        assertFalse(DC.isArchived(json("{\"id\":1,\"archived\":false}")));
        assertFalse(DC.isArchived(json("{\"id\":1}")));
        assertFalse(DC.incrementalListing());
    }

    @Test
    void theCatalogFileIsAskedAgainWhenTheJsonChangedOrTheRefreshIntervalPassed() {
        String fresh = DC.catalogValidator(null, FOUND, NOW.minus(Duration.ofMinutes(10)));
        assertFalse(DC.catalogDue(null, fresh, false, NOW, HOUR));
        assertTrue(DC.catalogDue(null, fresh, true, NOW, HOUR), "the repository JSON changed");
        assertTrue(DC.catalogDue(null, DC.catalogValidator(null, FOUND, NOW.minus(HOUR)), false, NOW, HOUR));
        assertTrue(DC.catalogDue(null, null, false, NOW, HOUR), "never fetched");
        assertTrue(DC.catalogDue(null, "2026-01-01T00:00:00+00:00", false, NOW, HOUR), "a validator of another kind");
    }

    @Test
    void aResultIsTheSameWheneverItWasFetched() {
        String before = DC.catalogValidator(null, FOUND, NOW.minus(HOUR));
        String now = DC.catalogValidator(null, FOUND, NOW);
        assertTrue(DC.sameCatalogResult(null, now, before));
        assertFalse(DC.sameCatalogResult(null, DC.catalogValidator(null, CatalogFile.absent("main"), NOW), before));
    }

    @Test
    void messagesNameProjectsTheInstanceAndPermissions() {
        assertEquals("repositories of project 'PAY'", DC.listing(BASE, Entity.REPOSITORIES, "PAY"));
        assertEquals("repositories of personal project '~ANN'", DC.listing(BASE, Entity.REPOSITORIES, "~ANN"));
        assertEquals("users of https://bb.example.com", DC.listing(BASE, Entity.USERS, "*"));
        assertEquals("instance https://bb.example.com", DC.scope(BASE, Entity.USERS, "*"));
        assertEquals("project 'GHOST' not found or not visible to this credential",
                DC.notFoundReason(BASE, Entity.REPOSITORIES, "GHOST"));
        assertTrue(DC.notFoundReason(BASE, Entity.USERS, "*").startsWith("users of https://bb.example.com cannot be"
                + " listed: neither /rest/api/1.0/admin/users nor /rest/api/1.0/users is served there"));
        assertEquals("PROJECT_READ on the project", DC.listingPermission(Entity.REPOSITORIES));
        assertEquals("LICENSED_USER", DC.listingPermission(Entity.USERS));
        assertEquals("projects", DC.scopesNoun());
        assertEquals("", DC.scopesRefusedHint(Credentials.Scheme.BEARER));
        assertTrue(DC.permissionsHint().contains("PROJECT_READ/REPO_READ"));
        assertEquals("Data Center base URL?", DC.baseUrlHint());
        assertTrue(DC.credentialsHint().contains("app password"));
    }
}
