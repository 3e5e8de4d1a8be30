package dev.bbinv.connector.publish;

import org.apache.avro.specific.SpecificRecord;

import dev.bbinv.schemas.SightingKeys;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;

/**
 * Turns the asset id a raw event is published under into its sighting key ({@link SightingKeys}), from the event's
 * envelope (profile, scope) and kind. Pure; other records (checkpoints, tombstones) keep the key they were given.
 */
final class RawRecordKeys {

    private RawRecordKeys() {}

    static String keyOf(String assetId, SpecificRecord value, KnownSightings known) {
        if (value instanceof RawRepositoryEvent e) {
            return sighting(assetId, e.getEnvelope(), e.getKind(), e.getSourceId(), "repositories", known);
        }
        if (value instanceof RawUserEvent e) {
            return sighting(assetId, e.getEnvelope(), e.getKind(), e.getSourceId(), "users", known);
        }
        if (value instanceof RawCatalogFileEvent e) {
            // Only the latest file of a sighting matters: the app context is always the latest one.
            return SightingKeys.seen(e.getEnvelope().getProfile(), e.getEnvelope().getScope(), assetId);
        }
        if (value instanceof RawCommitActivityEvent e) {
            // Like catalog files: only a sighting's latest commit activity matters.
            return SightingKeys.seen(e.getEnvelope().getProfile(), e.getEnvelope().getScope(), assetId);
        }
        return assetId;
    }

    private static String sighting(String assetId, RawEnvelope envelope, RawEventKind kind, String sourceId,
            String entity, KnownSightings known) {
        String profile = envelope.getProfile();
        String scope = envelope.getScope();
        if (kind == RawEventKind.REMOVED) {
            return SightingKeys.removed(profile, scope, assetId);
        }
        // The event that begins a sighting keeps a key of its own (with its scan id), so that compaction keeps the
        // earliest fetch of every sighting and a rebuild finds the asset's firstSeen.
        return known.known(profile, entity, scope, sourceId)
                ? SightingKeys.seen(profile, scope, assetId)
                : SightingKeys.first(profile, scope, assetId, envelope.getScanId());
    }
}
