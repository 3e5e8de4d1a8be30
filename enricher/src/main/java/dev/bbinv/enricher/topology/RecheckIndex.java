package dev.bbinv.enricher.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The repositories by the instant their time-dependent fields next change ({@code RepositoryState.recheckAt}), kept
 * in a state store beside the repository state, so that the wall-clock check reads only the assets that are due
 * instead of scanning every one. Keys: {@code <19-digit epoch ms>|<asset id>}, which sort by time. The same store
 * remembers which policy rules the assets were last built with ({@value #POLICIES_KEY}; it sorts after every time).
 */
final class RecheckIndex {
    static final String POLICIES_KEY = "~policies";
    private static final byte[] PRESENT = new byte[0];
    private static final int TIME_DIGITS = 19;

    private final KeyValueStore<String, byte[]> store;

    RecheckIndex(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Moves an asset's entry from one due time to another (either null: no entry). */
    void move(String assetId, Instant from, Instant to) {
        if (from != null && from.equals(to)) {
            return;
        }
        if (from != null) {
            store.delete(key(from, assetId));
        }
        if (to != null) {
            store.put(key(to, assetId), PRESENT);
        }
    }

    /** Up to {@code max} entries due at or before {@code now}, oldest first, as (due, asset id). */
    List<Due> due(Instant now, int max) {
        List<Due> out = new ArrayList<>();
        // Inclusive bounds: every "<t>|id" with t <= now sorts below "<now + 1>".
        try (KeyValueIterator<String, byte[]> it = store.range(time(Instant.EPOCH), time(now.plusMillis(1)))) {
            while (it.hasNext() && out.size() < max) {
                String key = it.next().key;
                out.add(new Due(Instant.ofEpochMilli(Long.parseLong(key.substring(0, TIME_DIGITS))),
                        key.substring(TIME_DIGITS + 1)));
            }
        }
        return out;
    }

    record Due(Instant at, String assetId) {}

    boolean policiesAre(byte[] fingerprint) {
        return Arrays.equals(store.get(POLICIES_KEY), fingerprint);
    }

    void policiesWere(byte[] fingerprint) {
        store.put(POLICIES_KEY, fingerprint);
    }

    static String key(Instant at, String assetId) {
        return time(at) + "|" + assetId;
    }

    private static String time(Instant at) {
        return String.format("%0" + TIME_DIGITS + "d", Math.max(0, at.toEpochMilli()));
    }
}
