package dev.bbinv.connector.poll;

import java.time.Instant;

import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * The checkpoint records of one scan of a scope: its progress after each page and its closing record, built on the
 * scope's checkpoint as the connector state holds it. One instance per scan run; no I/O.
 */
final class ScanCheckpoints {
    private final ConnectorState state;
    private final ScopeKey key;
    private final String scanId;
    private final boolean complete;
    /** The watermark this scan started from. */
    private final String watermark;
    private final String serviceType;
    private final String baseUrl;
    private final String owner;

    ScanCheckpoints(ConnectorState state, ScopeKey key, String scanId, boolean complete, String watermark,
            String serviceType, String baseUrl, String owner) {
        this.state = state;
        this.key = key;
        this.scanId = scanId;
        this.complete = complete;
        this.watermark = watermark;
        this.serviceType = serviceType;
        this.baseUrl = baseUrl;
        this.owner = owner;
    }

    /** The scope's checkpoint while the scan is in progress: where to resume, after {@code done} pages. */
    ScopeProgress inProgress(String next, int done, String pending) {
        ScopeProgress before = state.scope(key);
        return ScopeProgress.newBuilder()
                .setWatermark(watermark)
                .setLastCompleteScanId(before == null ? null : before.getLastCompleteScanId())
                .setLastCompleteScanAt(before == null ? null : before.getLastCompleteScanAt())
                .setCatalogSettings(before == null ? null : before.getCatalogSettings())
                .setScanInProgress(scanId)
                .setScanComplete(complete)
                .setCursor(next)
                .setPagesDone(done)
                .setPendingWatermark(pending)
                .setServiceType(serviceType)
                .setBaseUrl(baseUrl)
                .setOwner(owner)
                .build();
    }

    /**
     * The scope's checkpoint with no scan in progress; the watermark moves only after a {@code trusted} listing, to
     * the latest {@code pending} time capped at the scan's start ({@code runStart} when its id does not carry it).
     *
     * @param catalogSettings recorded when every repository of the scope now has them (null: keep the recorded ones)
     */
    ScopeProgress.Builder closed(boolean trusted, String pending, Instant runStart, String catalogSettings) {
        Instant began = ScanIds.startedAt(scanId);
        ScopeProgress.Builder done = ScopeProgress.newBuilder()
                .setWatermark(trusted ? Watermarks.later(watermark,
                        Watermarks.capped(pending, began != null ? began : runStart)) : watermark)
                .setServiceType(serviceType)
                .setBaseUrl(baseUrl)
                .setOwner(owner);
        ScopeProgress before = state.scope(key);
        if (before != null) {
            done.setLastCompleteScanId(before.getLastCompleteScanId())
                    .setLastCompleteScanAt(before.getLastCompleteScanAt())
                    .setCatalogSettings(before.getCatalogSettings());
        }
        if (catalogSettings != null) {
            done.setCatalogSettings(catalogSettings);
        }
        return done;
    }

    ConnectorCheckpoint scopeRecord(ScopeProgress progress) {
        return new ConnectorCheckpoint(CheckpointKind.SCOPE, key.profile(), key.entity().label, key.scope(),
                progress, null, null);
    }

    static ConnectorCheckpoint entityRecord(ScopeKey key, EntityProgress progress) {
        return new ConnectorCheckpoint(CheckpointKind.ENTITY, key.profile(), key.entity().label, key.scope(), null,
                progress, null);
    }
}
