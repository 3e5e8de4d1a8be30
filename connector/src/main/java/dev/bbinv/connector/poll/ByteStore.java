package dev.bbinv.connector.poll;

import java.util.function.BiConsumer;

/**
 * Keys to bytes, ordered by key, for what the connector holds per repository and user: on disk for the connector
 * ({@link DiskByteStore}), on the heap for tests ({@link MemoryByteStore}). Thread-safe.
 */
interface ByteStore extends AutoCloseable {
    /** Stores the value; returns whether the key was new. */
    boolean put(String key, byte[] value);

    /** Removes the key; returns whether it was there. */
    boolean remove(String key);

    /** The value, or null. */
    byte[] get(String key);

    /** Every key starting with {@code prefix}, in key order, one at a time. */
    void forEach(String prefix, BiConsumer<String, byte[]> action);

    /** Up to {@code limit} values of the keys starting with {@code prefix} and after {@code after} (null: from the first), in key order. */
    java.util.List<java.util.Map.Entry<String, byte[]>> page(String prefix, String after, int limit);

    @Override
    void close();
}
