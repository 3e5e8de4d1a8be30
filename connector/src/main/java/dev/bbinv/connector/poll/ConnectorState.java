package dev.bbinv.connector.poll;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.ScopeProgress;

/**
 * The connector's memory, rebuilt from the checkpoint topic at start and updated after each committed transaction:
 * per scope its progress, and per entity what was last published and seen. The entity checkpoints (one per repository
 * and user) and the due commit reads are in a {@link ByteStore}: on disk for the connector ({@link #onDisk}), so a
 * million repositories do not take the heap; on the heap for tests ({@link #ConnectorState()}).
 */
public final class ConnectorState implements AutoCloseable {
    /** The scope and profile-removal records by key (few); entity records are in {@link #entities} only. */
    private final Map<String, ConnectorCheckpoint> byKey = new ConcurrentHashMap<>();
    private final Map<ScopeKey, ScopeProgress> scopes = new ConcurrentHashMap<>();
    private final EntityStore entities;
    private final PendingCommitReads commitReads;
    /** Profiles gone from the file whose deleted-profile removals wait for their grace period: name to due time. */
    private final Map<String, java.time.Instant> pendingRemovals = new ConcurrentHashMap<>();

    /** A state whose entity checkpoints are kept on the heap. */
    public ConnectorState() {
        this(new MemoryByteStore());
    }

    private ConnectorState(ByteStore store) {
        this.entities = new EntityStore(store);
        this.commitReads = new PendingCommitReads(store);
    }

    /** A state whose entity checkpoints are in a new store under {@code dir}, deleted on {@link #close()}. */
    public static ConnectorState onDisk(java.nio.file.Path dir) {
        return new ConnectorState(DiskByteStore.open(dir));
    }

    /** Repositories whose commit activity is due, kept beside the checkpoints (not restored at start). */
    PendingCommitReads commitReads() {
        return commitReads;
    }

    /** Applies one checkpoint record; a null value (tombstone) forgets what the key held. */
    public void apply(String key, ConnectorCheckpoint value) {
        if (value != null && value.getKind() == CheckpointKind.ENTITY) {
            if (value.getEntityProgress() != null) {
                entities.put(new ScopeKey(value.getProfile(), ScopeKey.Entity.of(value.getEntity()), value.getScope()),
                        value.getEntityProgress());
            }
            return;
        }
        ConnectorCheckpoint old = value == null ? byKey.remove(key) : byKey.put(key, value);
        if (value == null) {
            if (old != null) {
                forget(old);
            } else {
                forgetEntity(key);
            }
            return;
        }
        if (value.getKind() == CheckpointKind.PROFILE_REMOVAL) {
            pendingRemovals.put(value.getProfile(), value.getRemovalDueAt());
            return;
        }
        scopes.put(new ScopeKey(value.getProfile(), ScopeKey.Entity.of(value.getEntity()), value.getScope()),
                value.getScopeProgress());
    }

    private void forget(ConnectorCheckpoint old) {
        if (old.getKind() == CheckpointKind.PROFILE_REMOVAL) {
            pendingRemovals.remove(old.getProfile());
            return;
        }
        scopes.remove(new ScopeKey(old.getProfile(), ScopeKey.Entity.of(old.getEntity()), old.getScope()));
    }

    /** A tombstone of an entity record: its key is its scope's key, "|" and its source id. */
    private void forgetEntity(String key) {
        for (ScopeKey scope : entities.scopes()) {
            String prefix = scope.checkpointKey() + "|";
            if (key.startsWith(prefix)) {
                entities.remove(scope, key.substring(prefix.length()));
            }
        }
    }

    public ScopeProgress scope(ScopeKey key) {
        return scopes.get(key);
    }

    public EntityProgress entity(ScopeKey key, String sourceId) {
        return entities.get(key, sourceId);
    }

    /** Every entity known in a scope, one at a time (a scope may hold a million). */
    public void forEachEntity(ScopeKey key, java.util.function.Consumer<EntityProgress> action) {
        entities.forEach(key, action);
    }

    /** How many entities are known in a scope. */
    public long entityCount(ScopeKey key) {
        return entities.count(key);
    }

    /** Whether {@code profile} has a checkpoint of the entity ({@code repositories} or {@code users}) in the scope. */
    public boolean knows(String profile, String entity, String scope, String sourceId) {
        return entities.contains(new ScopeKey(profile, ScopeKey.Entity.of(entity), scope), sourceId);
    }

    /** A copy of the entities known in a scope, by source id (all in memory: prefer {@link #forEachEntity}). */
    public Map<String, EntityProgress> entities(ScopeKey key) {
        Map<String, EntityProgress> known = new HashMap<>();
        entities.forEach(key, e -> known.put(e.getSourceId(), e));
        return known;
    }

    /** Every profile that has checkpoints. */
    public Set<String> profiles() {
        Set<String> names = new TreeSet<>();
        scopes.keySet().forEach(k -> names.add(k.profile()));
        entities.scopes().forEach(k -> names.add(k.profile()));
        return names;
    }

    /** Profiles whose scopes were last written by the connector with transactional id {@code owner}. */
    public Set<String> profilesOwnedBy(String owner) {
        Set<String> names = new TreeSet<>();
        scopes.forEach((key, progress) -> {
            if (progress != null && owner.equals(progress.getOwner())) {
                names.add(key.profile());
            }
        });
        return names;
    }

    /** Gone profiles whose deleted-profile removals are pending, with when they are due. */
    public Map<String, java.time.Instant> pendingRemovals() {
        return Map.copyOf(pendingRemovals);
    }

    /** The scopes of one profile with checkpoints. */
    public List<ScopeKey> scopesOf(String profile) {
        Set<ScopeKey> keys = new java.util.LinkedHashSet<>();
        scopes.keySet().stream().filter(k -> k.profile().equals(profile)).forEach(keys::add);
        entities.scopes().stream().filter(k -> k.profile().equals(profile)).forEach(keys::add);
        return List.copyOf(keys);
    }

    @Override
    public void close() {
        entities.close();
    }
}
