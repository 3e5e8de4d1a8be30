package dev.bbinv.enricher.topology;

import dev.bbinv.enricher.normalize.InvalidRawEventException;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.ServiceType;

/** Checks that a raw record's key is the identity its envelope and source id name. Pure. */
final class Identity {

    private Identity() {}

    static String of(RawEnvelope envelope, String sourceId) {
        if (sourceId == null || sourceId.isBlank()) {
            throw new InvalidRawEventException("event has no source id");
        }
        try {
            return envelope.getServiceType() == ServiceType.CLOUD
                    ? AssetIds.cloud(sourceId)
                    : AssetIds.server(envelope.getBaseUrl(), Long.parseLong(sourceId.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRawEventException("source id '" + sourceId + "' with base URL '" + envelope.getBaseUrl()
                    + "' is not an identity: " + e.getMessage(), e);
        }
    }

    static void requireKey(String key, String identity, String what) {
        if (!key.equals(identity)) {
            throw new InvalidRawEventException("record key '" + key + "' is not the identity '" + identity
                    + "' of its " + what);
        }
    }
}
