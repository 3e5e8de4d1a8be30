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
 * per scope its progress, and per entity what was last published and seen.
 */
public final class ConnectorState {
    private final Map<String, ConnectorCheckpoint> byKey = new ConcurrentHashMap<>();
    private final Map<ScopeKey, ScopeProgress> scopes = new ConcurrentHashMap<>();
    private final Map<ScopeKey, Map<String, EntityProgress>> entities = new ConcurrentHashMap<>();
    /** Profiles gone from the file whose deleted-profile removals wait for their grace period: name to due time. */
    private final Map<String, java.time.Instant> pendingRemovals = new ConcurrentHashMap<>();

    /** Applies one checkpoint record; a null value (tombstone) forgets what the key held. */
    public void apply(String key, ConnectorCheckpoint value) {
        ConnectorCheckpoint old = value == null ? byKey.remove(key) : byKey.put(key, value);
        if (value == null) {
            if (old != null) {
                forget(old);
            }
            return;
        }
        if (value.getKind() == CheckpointKind.PROFILE_REMOVAL) {
            pendingRemovals.put(value.getProfile(), value.getRemovalDueAt());
            return;
        }
        ScopeKey scope = new ScopeKey(value.getProfile(), ScopeKey.Entity.of(value.getEntity()), value.getScope());
        if (value.getKind() == CheckpointKind.SCOPE) {
            scopes.put(scope, value.getScopeProgress());
        } else if (value.getEntityProgress() != null) {
            entities.computeIfAbsent(scope, s -> new ConcurrentHashMap<>())
                    .put(value.getEntityProgress().getSourceId(), value.getEntityProgress());
        }
    }

    private void forget(ConnectorCheckpoint old) {
        if (old.getKind() == CheckpointKind.PROFILE_REMOVAL) {
            pendingRemovals.remove(old.getProfile());
            return;
        }
        ScopeKey scope = new ScopeKey(old.getProfile(), ScopeKey.Entity.of(old.getEntity()), old.getScope());
        if (old.getKind() == CheckpointKind.SCOPE) {
            scopes.remove(scope);
        } else if (old.getEntityProgress() != null) {
            Map<String, EntityProgress> known = entities.get(scope);
            if (known != null) {
                known.remove(old.getEntityProgress().getSourceId());
            }
        }
    }

    public ScopeProgress scope(ScopeKey key) {
        return scopes.get(key);
    }

    public EntityProgress entity(ScopeKey key, String sourceId) {
        Map<String, EntityProgress> known = entities.get(key);
        return known == null ? null : known.get(sourceId);
    }

    /** Whether {@code profile} has a checkpoint of the entity ({@code repositories} or {@code users}) in the scope. */
    public boolean knows(String profile, String entity, String scope, String sourceId) {
        return entity(new ScopeKey(profile, ScopeKey.Entity.of(entity), scope), sourceId) != null;
    }

    /** A copy of the entities known in a scope, by source id. */
    public Map<String, EntityProgress> entities(ScopeKey key) {
        Map<String, EntityProgress> known = entities.get(key);
        return known == null ? Map.of() : new HashMap<>(known);
    }

    /** Every profile that has checkpoints. */
    public Set<String> profiles() {
        Set<String> names = new TreeSet<>();
        scopes.keySet().forEach(k -> names.add(k.profile()));
        entities.keySet().forEach(k -> names.add(k.profile()));
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
        entities.keySet().stream().filter(k -> k.profile().equals(profile)).forEach(keys::add);
        return List.copyOf(keys);
    }
}
