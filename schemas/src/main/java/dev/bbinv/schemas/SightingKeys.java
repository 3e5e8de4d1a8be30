package dev.bbinv.schemas;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Utils;

/**
 * The key contract of the raw topics ({@code bitbucket.raw.*}), version 2: a key names one sighting, so that
 * compaction keeps the latest event of each (profile, scope, entity) sighting instead of the latest event of each
 * asset, while the partition is still chosen from the asset id alone, so every event of one asset stays on one
 * partition in order.
 *
 * <pre>
 * sighting|seen|{profile}|{scope}|{assetId}             the entity as last seen (changed) by profile in scope
 * sighting|first|{profile}|{scope}|{assetId}|{scanId}   the event that began a sighting: kept for firstSeen
 * sighting|removed|{profile}|{scope}|{assetId}          the sighting's last removal: survives the later seen events
 * </pre>
 *
 * Components have {@code %} and {@code |} percent-encoded. Partition: Kafka's default partitioner hash of the
 * serialized <em>asset id</em> key ({@code toPositive(murmur2(bytes)) % partitions}), which is where version 1
 * (key = asset id, default partitioner) put the same asset, so old and new events of an asset share a partition.
 * A key that does not start with {@code sighting|} is a version-1 key: the asset id itself, still valid input.
 */
public final class SightingKeys {
    public static final int CONTRACT_VERSION = 2;
    static final String PREFIX = "sighting";

    /** What a raw event says about its sighting. */
    public enum Kind {
        FIRST("first"), SEEN("seen"), REMOVED("removed");

        public final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown sighting kind '" + label + "'");
        }
    }

    /** A parsed key; {@code episode} is the scan id of a FIRST key, null otherwise. */
    public record Key(Kind kind, String profile, String scope, String assetId, String episode) {}

    private SightingKeys() {}

    public static String seen(String profile, String scope, String assetId) {
        return join(List.of(PREFIX, Kind.SEEN.label, profile, scope, assetId));
    }

    public static String first(String profile, String scope, String assetId, String scanId) {
        return join(List.of(PREFIX, Kind.FIRST.label, profile, scope, assetId, scanId));
    }

    public static String removed(String profile, String scope, String assetId) {
        return join(List.of(PREFIX, Kind.REMOVED.label, profile, scope, assetId));
    }

    /** Whether the key follows this contract (version 2) rather than version 1 (the bare asset id). */
    public static boolean isSightingKey(String key) {
        return key != null && key.startsWith(PREFIX + "|");
    }

    /** The asset id a raw record belongs to: from a sighting key, or a version-1 key as it is. */
    public static String assetId(String key) {
        return isSightingKey(key) ? parse(key).assetId() : key;
    }

    public static Key parse(String key) {
        if (!isSightingKey(key)) {
            throw new IllegalArgumentException("not a sighting key: '" + key + "'");
        }
        String[] parts = key.split("\\|", -1);
        Kind kind = Kind.of(parts.length > 1 ? parts[1] : "");
        int expected = kind == Kind.FIRST ? 6 : 5;
        if (parts.length != expected) {
            throw new IllegalArgumentException("a " + kind.label + " sighting key has " + expected
                    + " |-separated parts, got " + parts.length + ": '" + key + "'");
        }
        String assetId = decode(parts[4]);
        if (assetId.isBlank()) {
            throw new IllegalArgumentException("sighting key without an asset id: '" + key + "'");
        }
        return new Key(kind, decode(parts[2]), decode(parts[3]), assetId,
                kind == Kind.FIRST ? decode(parts[5]) : null);
    }

    /** The partition of an asset: Kafka's default partitioner applied to its serialized asset-id key. */
    public static int partition(byte[] serializedAssetId, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(serializedAssetId)) % partitions;
    }

    private static String join(List<String> parts) {
        List<String> encoded = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part == null) {
                throw new IllegalArgumentException("a sighting key needs every part, got " + parts);
            }
            encoded.add(i < 2 ? part : encode(part));
        }
        return String.join("|", encoded);
    }

    static String encode(String part) {
        return part.replace("%", "%25").replace("|", "%7C");
    }

    static String decode(String part) {
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%' && part.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else if (c == '%' && (part.startsWith("%7C", i) || part.startsWith("%7c", i))) {
                out.append('|');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
