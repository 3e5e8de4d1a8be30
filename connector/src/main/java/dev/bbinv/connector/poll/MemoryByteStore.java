package dev.bbinv.connector.poll;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/** A {@link ByteStore} on the heap: for tests and tools that read a few scopes. */
final class MemoryByteStore implements ByteStore {
    private final ConcurrentSkipListMap<String, byte[]> values = new ConcurrentSkipListMap<>();

    @Override
    public boolean put(String key, byte[] value) {
        return values.put(key, value) == null;
    }

    @Override
    public boolean remove(String key) {
        return values.remove(key) != null;
    }

    @Override
    public byte[] get(String key) {
        return values.get(key);
    }

    @Override
    public void forEach(String prefix, BiConsumer<String, byte[]> action) {
        for (Map.Entry<String, byte[]> e : values.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                return;
            }
            action.accept(e.getKey(), e.getValue());
        }
    }

    @Override
    public java.util.List<Map.Entry<String, byte[]>> page(String prefix, String after, int limit) {
        java.util.List<Map.Entry<String, byte[]>> page = new java.util.ArrayList<>();
        Map<String, byte[]> tail = after == null ? values.tailMap(prefix) : values.tailMap(after, false);
        for (Map.Entry<String, byte[]> e : tail.entrySet()) {
            if (!e.getKey().startsWith(prefix) || page.size() == limit) {
                break;
            }
            page.add(Map.entry(e.getKey(), e.getValue()));
        }
        return page;
    }

    @Override
    public void close() {
        values.clear();
    }
}
