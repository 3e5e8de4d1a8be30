package dev.bbinv.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;

class RawRecordKeysTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String BASE = "https://bitbucket.acme.com";
    private static final ScanContext SCAN = new ScanContext("acme-dc", ServiceKind.SERVER, BASE, "PLAT", "scan-7");
    private static final String ASSET = "server:https://bitbucket.acme.com:42";

    private static ApiObject repo() throws Exception {
        return ApiObject.of(new ObjectMapper().readTree("{\"id\":42,\"slug\":\"api\",\"name\":\"api\",\"project\":{\"key\":\"PLAT\"}}"));
    }

    @Test
    void aSightingTheConnectorKnowsIsKeyedSeen() throws Exception {
        assertEquals("sighting|seen|acme-dc|PLAT|" + ASSET,
                RawRecordKeys.keyOf(ASSET, RawEvents.repository(SCAN, repo(), AT, null), KnownSightings.ALL));
    }

    @Test
    void theEventThatBeginsASightingIsKeyedFirstWithItsScan() throws Exception {
        KnownSightings none = (profile, entity, scope, sourceId) -> false;
        assertEquals("sighting|first|acme-dc|PLAT|" + ASSET + "|scan-7",
                RawRecordKeys.keyOf(ASSET, RawEvents.repository(SCAN, repo(), AT, null), none));
    }

    @Test
    void theKnownSightingIsAskedForTheEventsProfileEntityScopeAndSourceId() throws Exception {
        KnownSightings onlyThis = (profile, entity, scope, sourceId) ->
                profile.equals("acme-dc") && entity.equals("repositories") && scope.equals("PLAT") && sourceId.equals("42");
        assertEquals("sighting|seen|acme-dc|PLAT|" + ASSET,
                RawRecordKeys.keyOf(ASSET, RawEvents.repository(SCAN, repo(), AT, null), onlyThis));
        assertEquals("sighting|first|acme-dc|PLAT|" + ASSET + "|scan-7",
                RawRecordKeys.keyOf(ASSET, RawEvents.user(SCAN, ApiObject.of(new ObjectMapper().readTree(
                        "{\"id\":42,\"name\":\"ann\",\"slug\":\"ann\"}")), AT, null), onlyThis));
    }

    @Test
    void removalsHaveTheirOwnKeySoTheyOutliveLaterSightings() {
        assertEquals("sighting|removed|acme-dc|PLAT|" + ASSET, RawRecordKeys.keyOf(ASSET,
                RawEvents.removedRepository(SCAN, "42", "repo-deleted", AT), KnownSightings.ALL));
        assertEquals("sighting|removed|acme-dc|PLAT|" + ASSET, RawRecordKeys.keyOf(ASSET,
                RawEvents.removedUser(SCAN, "42", "user-removed", AT), KnownSightings.ALL));
    }

    @Test
    void catalogFilesAreKeyedBySightingAndCheckpointsKeepTheirKey() {
        byte[] yaml = "kind: Component".getBytes();
        CatalogFile file = new CatalogFile(CatalogFile.Status.FOUND, yaml, yaml.length, null, "main", null);
        assertEquals("sighting|seen|acme-dc|PLAT|" + ASSET, RawRecordKeys.keyOf(ASSET,
                RawEvents.catalogFile(SCAN, "42", "catalog-info.yaml", file, Map.of(), AT), KnownSightings.ALL));
        ConnectorCheckpoint checkpoint = new ConnectorCheckpoint(CheckpointKind.SCOPE, "acme-dc", "repositories", "PLAT",
                null, null, null);
        assertEquals("acme-dc|repositories|PLAT", RawRecordKeys.keyOf("acme-dc|repositories|PLAT", checkpoint,
                KnownSightings.ALL));
        assertEquals(ASSET, RawRecordKeys.keyOf(ASSET, null, KnownSightings.ALL));
    }
}
