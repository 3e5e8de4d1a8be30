package dev.bbinv.connector.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.schemas.RemovalReasons;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.avro.ServiceType;

class RawEventsTest {
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    private static final ScanContext CLOUD = new ScanContext("p", ServiceKind.CLOUD, "https://api.bitbucket.org/2.0",
            "acme", "scan-1");
    private static final ScanContext DC = new ScanContext("d", ServiceKind.SERVER, "https://bitbucket.acme.com",
            "PLAT", "scan-2");

    private static ApiObject json(String text) throws Exception {
        return ApiObject.of(new ObjectMapper().readTree(text));
    }

    @Test
    void cloudRepositoryKeepsVerbatimJsonAndKeysByUuid() throws Exception {
        ApiObject repo = json("{\"uuid\":\"{ABC-1}\",\"full_name\":\"acme/svc\",\"language\":\"java\"}");
        RawRepositoryEvent event = RawEvents.repository(CLOUD, repo, AT, "\"etag\"");
        assertEquals("{ABC-1}", event.getSourceId());
        assertEquals(RawEventKind.UPSERT, event.getKind());
        assertEquals(repo.json(), event.getJson());
        assertEquals(ServiceType.CLOUD, event.getEnvelope().getServiceType());
        assertEquals("acme", event.getEnvelope().getScope());
        assertEquals("scan-1", event.getEnvelope().getScanId());
        assertEquals(AT, event.getEnvelope().getFetchedAt());
        assertEquals("\"etag\"", event.getEnvelope().getEtag());
        assertEquals("cloud:abc-1", Dialect.of(ServiceKind.CLOUD).assetId(CLOUD.baseUrl(), event.getSourceId()));
    }

    @Test
    void usersKeepVerbatimJsonKeyedByTheirSourceId() throws Exception {
        ApiObject cloudUser = json("{\"uuid\":\"{U-7}\",\"display_name\":\"Ann\"}");
        RawUserEvent event = RawEvents.user(CLOUD, cloudUser, AT, null);
        assertEquals("{U-7}", event.getSourceId());
        assertEquals(RawEventKind.UPSERT, event.getKind());
        assertEquals(cloudUser.json(), event.getJson());
        assertEquals("acme", event.getEnvelope().getScope());
        ApiObject dcUser = json("{\"id\":42,\"name\":\"ann\"}");
        assertEquals("42", RawEvents.user(DC, dcUser, AT, "\"e\"").getSourceId());
    }

    @Test
    void updatedOnIsCloudsTimeOrNullWhenAbsentOrNull() throws Exception {
        assertEquals("2026-11-01T10:00:00.123456+00:00",
                RawEvents.updatedOn(json("{\"updated_on\":\"2026-11-01T10:00:00.123456+00:00\"}")));
        assertNull(RawEvents.updatedOn(json("{\"id\":1}")));
        assertNull(RawEvents.updatedOn(json("{\"updated_on\":null}")));
    }

    @Test
    void renamedRepositoryKeepsItsKey() throws Exception {
        ApiObject before = json("{\"uuid\":\"{u-1}\",\"full_name\":\"acme/old\"}");
        ApiObject after = json("{\"uuid\":\"{u-1}\",\"full_name\":\"acme/new\"}");
        assertEquals(Dialect.of(ServiceKind.CLOUD).assetId("x", Dialect.of(ServiceKind.CLOUD).sourceId(before)),
                Dialect.of(ServiceKind.CLOUD).assetId("x", Dialect.of(ServiceKind.CLOUD).sourceId(after)));
    }

    @Test
    void archivedDataCenterRepositoryIsRemovedAsRepoArchivedWithItsJson() throws Exception {
        ApiObject repo = json("{\"id\":42,\"slug\":\"svc\",\"archived\":true}");
        RawRepositoryEvent event = RawEvents.repository(DC, repo, AT, null);
        assertEquals(RawEventKind.REMOVED, event.getKind());
        assertEquals("repo-archived", event.getRemovalReason());
        assertEquals(repo.json(), event.getJson());
        assertEquals("server:https://bitbucket.acme.com:42", Dialect.of(ServiceKind.SERVER).assetId(DC.baseUrl(), "42"));
    }

    @Test
    void removalEventsCarryTheReasonAndNoJson() {
        RawRepositoryEvent repo = RawEvents.removedRepository(CLOUD, "{u}", RemovalReasons.REPO_DELETED, AT);
        assertEquals(RawEventKind.REMOVED, repo.getKind());
        assertEquals("repo-deleted", repo.getRemovalReason());
        assertNull(repo.getJson());
        RawUserEvent user = RawEvents.removedUser(DC, "7", RemovalReasons.DELETED_PROFILE, AT);
        assertEquals("deleted-profile", user.getRemovalReason());
    }

    @Test
    void objectsWithoutIdentityAreRejected() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Dialect.of(ServiceKind.CLOUD).sourceId(json("{\"name\":\"x\"}")));
        assertThrows(IllegalArgumentException.class, () -> Dialect.of(ServiceKind.SERVER).sourceId(json("{\"id\":\"abc\"}")));
    }

    @Test
    void catalogFileStatesFoundAbsentAndTooLarge() {
        var found = RawEvents.catalogFile(CLOUD, "{u}", "catalog-info.yaml",
                new CatalogFile(CatalogFile.Status.FOUND, "kind: Component".getBytes(StandardCharsets.UTF_8), 15, "e", "main"),
                Map.of("owner", "spec.team"), AT);
        assertEquals(CatalogFileStatus.FOUND, found.getStatus());
        assertEquals("kind: Component", found.getContent());
        assertEquals(15L, found.getSizeBytes());
        assertEquals("main", found.getCommit());
        assertEquals(Map.of("owner", "spec.team"), found.getAttributeKeys());
        var absent = RawEvents.catalogFile(CLOUD, "{u}", "catalog-info.yaml", CatalogFile.absent("main"), Map.of(), AT);
        assertEquals(CatalogFileStatus.ABSENT, absent.getStatus());
        assertNull(absent.getContent());
        var large = RawEvents.catalogFile(CLOUD, "{u}", "catalog-info.yaml",
                new CatalogFile(CatalogFile.Status.TOO_LARGE, null, 5_000_000, null, "main"), Map.of(), AT);
        assertEquals(CatalogFileStatus.TOO_LARGE, large.getStatus());
        assertNull(large.getContent());
    }

    @Test
    void anUnreadableCatalogFileCarriesItsReasonInContent() {
        var unreadable = RawEvents.catalogFile(CLOUD, "{u}", "catalog-info.yaml",
                CatalogFile.unreadable("main", "GET /x answered 403: Access denied"), Map.of(), AT);
        assertEquals(CatalogFileStatus.UNREADABLE, unreadable.getStatus());
        assertEquals("GET /x answered 403: Access denied", unreadable.getContent());
        assertNull(unreadable.getSizeBytes());
    }

    @Test
    void fingerprintChangesWithContent() {
        assertEquals(RawEvents.fingerprint("{\"a\":1}"), RawEvents.fingerprint("{\"a\":1}"));
        org.junit.jupiter.api.Assertions.assertNotEquals(RawEvents.fingerprint("{\"a\":1}"), RawEvents.fingerprint("{\"a\":2}"));
    }

    @Test
    void aCatalogEventRepublishedWithOtherAttributeKeysKeepsItsFileResultAndNamesTheNewScan() {
        var first = RawEvents.catalogFile(CLOUD, "{u}", "catalog-info.yaml",
                new CatalogFile(CatalogFile.Status.FOUND, "kind: Component".getBytes(StandardCharsets.UTF_8), 15, "e", "main"),
                Map.of(), AT);
        ScanContext later = new ScanContext("p", ServiceKind.CLOUD, "https://api.bitbucket.org/2.0", "acme", "scan-9");
        var again = RawEvents.withAttributeKeys(first, later, Map.of("owner", "metadata.name"));
        assertEquals(Map.of("owner", "metadata.name"), again.getAttributeKeys());
        assertEquals("scan-9", again.getEnvelope().getScanId());
        assertEquals(AT, again.getEnvelope().getFetchedAt(), "when Bitbucket was asked, not when republished");
        assertEquals("kind: Component", again.getContent());
        assertEquals(CatalogFileStatus.FOUND, again.getStatus());
        assertEquals("main", again.getCommit());
        assertEquals("catalog-info.yaml", again.getPath());
        assertEquals(Map.of(), first.getAttributeKeys(), "the first event is not changed");
        assertEquals("scan-1", first.getEnvelope().getScanId());
    }
}
