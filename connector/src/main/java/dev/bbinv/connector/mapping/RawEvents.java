package dev.bbinv.connector.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.schemas.RemovalReasons;
import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;

/** Pure: Bitbucket API objects → raw Avro events (ids and keys: {@link dev.bbinv.connector.dialect.Dialect}). No I/O, no clock. */
public final class RawEvents {

    /** The repository as Bitbucket sent it; an archived DC repository is stated as removed ({@code repo-archived}) with its JSON. */
    public static RawRepositoryEvent repository(ScanContext scan, ApiObject repository, Instant fetchedAt, String etag) {
        boolean archived = scan.dialect().isArchived(repository);
        return RawRepositoryEvent.newBuilder()
                .setEnvelope(envelope(scan, fetchedAt, etag))
                .setSourceId(scan.dialect().sourceId(repository))
                .setKind(archived ? RawEventKind.REMOVED : RawEventKind.UPSERT)
                .setRemovalReason(archived ? RemovalReasons.REPO_ARCHIVED : null)
                .setJson(repository.json())
                .build();
    }

    public static RawRepositoryEvent removedRepository(ScanContext scan, String sourceId, String reason, Instant at) {
        return RawRepositoryEvent.newBuilder()
                .setEnvelope(envelope(scan, at, null))
                .setSourceId(sourceId)
                .setKind(RawEventKind.REMOVED)
                .setRemovalReason(reason)
                .setJson(null)
                .build();
    }

    public static RawUserEvent user(ScanContext scan, ApiObject user, Instant fetchedAt, String etag) {
        return RawUserEvent.newBuilder()
                .setEnvelope(envelope(scan, fetchedAt, etag))
                .setSourceId(scan.dialect().sourceId(user))
                .setKind(RawEventKind.UPSERT)
                .setRemovalReason(null)
                .setJson(user.json())
                .build();
    }

    public static RawUserEvent removedUser(ScanContext scan, String sourceId, String reason, Instant at) {
        return RawUserEvent.newBuilder()
                .setEnvelope(envelope(scan, at, null))
                .setSourceId(sourceId)
                .setKind(RawEventKind.REMOVED)
                .setRemovalReason(reason)
                .setJson(null)
                .build();
    }

    /** The catalog file of a repository: its UTF-8 content when found, else absent or too large. */
    public static RawCatalogFileEvent catalogFile(ScanContext scan, String repositorySourceId, String path,
            CatalogFile file, Map<String, String> attributeKeys, Instant fetchedAt) {
        CatalogFileStatus status = switch (file.status()) {
            case FOUND -> CatalogFileStatus.FOUND;
            case ABSENT -> CatalogFileStatus.ABSENT;
            case TOO_LARGE -> CatalogFileStatus.TOO_LARGE;
            case UNREADABLE -> CatalogFileStatus.UNREADABLE;
        };
        return RawCatalogFileEvent.newBuilder()
                .setEnvelope(envelope(scan, fetchedAt, file.etag()))
                .setRepositorySourceId(repositorySourceId)
                .setPath(path)
                .setStatus(status)
                // The schema has no reason field: an UNREADABLE event carries its reason (status and Bitbucket's
                // message) in content, for the enricher to show.
                .setContent(file.status() == CatalogFile.Status.FOUND
                        ? new String(file.content(), StandardCharsets.UTF_8)
                        : file.status() == CatalogFile.Status.UNREADABLE ? file.reason() : null)
                .setCommit(file.ref())
                .setSizeBytes(file.status() == CatalogFile.Status.ABSENT
                        || file.status() == CatalogFile.Status.UNREADABLE ? null : file.sizeBytes())
                .setAttributeKeys(Map.copyOf(attributeKeys))
                .build();
    }

    /**
     * A catalog event published before, again under other attribute keys: the same file result and fetch time, the
     * envelope naming this scan.
     */
    public static RawCatalogFileEvent withAttributeKeys(RawCatalogFileEvent previous, ScanContext scan,
            Map<String, String> attributeKeys) {
        return RawCatalogFileEvent.newBuilder(previous)
                .setEnvelope(RawEnvelope.newBuilder(previous.getEnvelope()).setScanId(scan.scanId()).build())
                .setAttributeKeys(Map.copyOf(attributeKeys))
                .build();
    }

    /** Cloud {@code updated_on}, or null (DC repositories carry no such time). */
    public static String updatedOn(ApiObject object) {
        JsonNode value = object.node().get("updated_on");
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A short hash of the JSON, to tell whether anything we keep changed since the last scan. */
    public static String fingerprint(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static RawEnvelope envelope(ScanContext scan, Instant fetchedAt, String etag) {
        return RawEnvelope.newBuilder()
                .setProfile(scan.profile())
                .setServiceType(scan.kind().avro())
                .setBaseUrl(scan.baseUrl())
                .setScope(scan.scope())
                .setScanId(scan.scanId())
                .setFetchedAt(fetchedAt)
                .setEtag(etag)
                .build();
    }

    private RawEvents() {}
}
