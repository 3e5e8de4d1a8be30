package dev.bbinv.connector.poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.bbinv.schemas.avro.EntityProgress;

/**
 * The entity checkpoints of every scope (what the connector last published and saw of each repository and user) in a
 * {@link ByteStore}, keyed like the checkpoint topic ({@code profile|entity|scope|id}), valued by the checkpoint's Avro
 * encoding; on the heap only a count per scope. Thread-safe.
 */
final class EntityStore implements AutoCloseable {
    /** Keys of other records kept in the same store start with this (no checkpoint key does). */
    static final String OTHER = "\u0001";

    private final ByteStore store;
    private final Map<ScopeKey, AtomicLong> counts = new ConcurrentHashMap<>();

    EntityStore(ByteStore store) {
        this.store = store;
    }

    void put(ScopeKey scope, EntityProgress progress) {
        if (store.put(scope.entityKey(progress.getSourceId()), encode(progress))) {
            counts.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Forgets the entity; nothing when it is not known. */
    void remove(ScopeKey scope, String sourceId) {
        if (store.remove(scope.entityKey(sourceId))) {
            counts.get(scope).decrementAndGet();
        }
    }

    /** The entity's checkpoint, or null. */
    EntityProgress get(ScopeKey scope, String sourceId) {
        byte[] value = store.get(scope.entityKey(sourceId));
        return value == null ? null : decode(value);
    }

    /** Whether the entity has a checkpoint (its record is not decoded: the publisher asks this for every event). */
    boolean contains(ScopeKey scope, String sourceId) {
        return store.get(scope.entityKey(sourceId)) != null;
    }

    /** Every entity of the scope, one at a time (never all in memory at once). */
    void forEach(ScopeKey scope, Consumer<EntityProgress> action) {
        store.forEach(scope.checkpointKey() + "|", (key, value) -> action.accept(decode(value)));
    }

    long count(ScopeKey scope) {
        AtomicLong n = counts.get(scope);
        return n == null ? 0 : n.get();
    }

    /** The scopes with at least one entity. */
    Set<ScopeKey> scopes() {
        Set<ScopeKey> scopes = new LinkedHashSet<>();
        counts.forEach((scope, n) -> {
            if (n.get() > 0) {
                scopes.add(scope);
            }
        });
        return scopes;
    }

    /** The store, for other records kept beside the checkpoints (keys starting with {@link #OTHER}). */
    ByteStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }

    static byte[] encode(EntityProgress progress) {
        try {
            ByteBuffer buffer = progress.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an entity checkpoint", e);
        }
    }

    static EntityProgress decode(byte[] bytes) {
        try {
            return EntityProgress.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode an entity checkpoint", e);
        }
    }
}
