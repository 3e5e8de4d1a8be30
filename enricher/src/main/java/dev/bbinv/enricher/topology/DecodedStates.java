package dev.bbinv.enricher.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored bytes and the decoded state of the assets a processor touched last, so that an asset's next record
 * neither reads the store nor decodes its state again. It is written through by every store write of its processor
 * (the only writer of that store) and emptied whenever the processor (re)starts, so it never holds a state the store
 * does not: a task restored after a failure starts from what its changelog restored, not from here.
 */
final class DecodedStates {
    /** A state as stored, and as decoded from those bytes (never changed in place by its users). */
    record Entry(byte[] bytes, Object decoded) {}

    private final Map<String, Entry> entries;

    DecodedStates(int capacity) {
        // Access order: the least recently used asset is the one to drop.
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The entry of {@code key}, null when it is not held (read the store). */
    Entry get(String key) {
        return entries.get(key);
    }

    /** Records what was just written to the store for {@code key}; a null {@code decoded} forgets the key. */
    void written(String key, byte[] bytes, Object decoded) {
        if (bytes == null || decoded == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Entry(bytes, decoded));
        }
    }

    void forget(String key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
