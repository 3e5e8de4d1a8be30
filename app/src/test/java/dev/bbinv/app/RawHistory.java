package dev.bbinv.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.mapping.RawEvents;
import dev.bbinv.connector.mapping.ScanContext;
import dev.bbinv.connector.poll.ConnectorState;
import dev.bbinv.connector.poll.DeletedProfiles;
import dev.bbinv.connector.poll.ScopeKey;
import dev.bbinv.connector.publish.Batch;
import dev.bbinv.connector.publish.TransactionalPublisher;
import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.avro.ScopeProgress;
import dev.bbinv.schemas.registry.SchemaRegistryClient;

/**
 * Publishes the raw events of a Bitbucket Cloud estate's history the way the connector does: through its
 * transactional publisher, each event committed with the checkpoints the scanner would write, so the publisher's
 * view of known sightings is the connector's own. Lets a test tell a story (moves, removals, a deleted profile)
 * without waiting for scans.
 */
final class RawHistory implements AutoCloseable {
    static final String BASE = "https://api.bitbucket.org/2.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransactionalPublisher publisher;
    private final ConnectorState state = new ConnectorState();

    RawHistory(String bootstrap, SchemaRegistryClient registry) {
        publisher = new TransactionalPublisher(bootstrap, "raw-history-" + UUID.randomUUID(), registry, Map.of());
        publisher.knownSightings(state::knows);
    }

    static String assetId(String uuid) {
        return Dialect.of(ServiceKind.CLOUD).assetId(BASE, "{" + uuid + "}");
    }

    void repositorySeen(String profile, String workspace, String uuid, String name, String description, Instant at) {
        Batch batch = new Batch().event(Topics.RAW_REPOSITORIES_TOPIC, assetId(uuid),
                repositoryEvent(profile, workspace, uuid, name, description, at));
        commit(entity(batch, profile, ScopeKey.Entity.REPOSITORIES, workspace, "{" + uuid + "}", at));
    }

    /** The raw event the connector makes of a Cloud repository's JSON. */
    static RawRepositoryEvent repositoryEvent(String profile, String workspace, String uuid, String name,
            String description, Instant at) {
        ObjectNode repo = JSON.createObjectNode().put("type", "repository").put("uuid", "{" + uuid + "}")
                .put("name", name).put("slug", name).put("full_name", workspace + "/" + name)
                .put("is_private", true).put("description", description).put("language", "java")
                .put("created_on", "2024-01-01T00:00:00Z").put("updated_on", at.toString());
        repo.putObject("workspace").put("slug", workspace).put("name", workspace);
        repo.putObject("mainbranch").put("name", "main");
        repo.putObject("links").putObject("html").put("href", "https://bitbucket.org/" + workspace + "/" + name);
        return RawEvents.repository(scan(profile, workspace, at), ApiObject.of(repo), at, null);
    }

    void repositoryRemoved(String profile, String workspace, String uuid, String reason, Instant at) {
        Batch batch = new Batch().event(Topics.RAW_REPOSITORIES_TOPIC, assetId(uuid),
                RawEvents.removedRepository(scan(profile, workspace, at), "{" + uuid + "}", reason, at));
        batch.checkpoint(new ScopeKey(profile, ScopeKey.Entity.REPOSITORIES, workspace).entityKey("{" + uuid + "}"), null);
        commit(batch);
    }

    void catalogFile(String profile, String workspace, String uuid, String owner, Instant at) {
        commit(new Batch().event(Topics.RAW_CATALOG_FILES_TOPIC, assetId(uuid), catalogEvent(profile, workspace, uuid, owner, at)));
    }

    static RawCatalogFileEvent catalogEvent(String profile, String workspace, String uuid, String owner, Instant at) {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c-" + uuid.substring(0, 6)
                + "\nspec:\n  type: service\n  lifecycle: production\n  owner: " + owner + "\n";
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        CatalogFile file = new CatalogFile(CatalogFile.Status.FOUND, bytes, bytes.length, null, "main", null);
        return RawEvents.catalogFile(scan(profile, workspace, at), "{" + uuid + "}", "catalog-info.yaml", file, Map.of(), at);
    }

    void userSeen(String profile, String workspace, String uuid, String displayName, Instant at) {
        Batch batch = new Batch().event(Topics.RAW_USERS_TOPIC, assetId(uuid), userEvent(profile, workspace, uuid, displayName, at));
        commit(entity(batch, profile, ScopeKey.Entity.USERS, workspace, "{" + uuid + "}", at));
    }

    static RawUserEvent userEvent(String profile, String workspace, String uuid, String displayName, Instant at) {
        ObjectNode user = JSON.createObjectNode().put("type", "user").put("uuid", "{" + uuid + "}")
                .put("display_name", displayName).put("nickname", displayName.toLowerCase().replace(' ', '.'))
                .put("account_id", "acct-" + uuid.substring(0, 6));
        return RawEvents.user(scan(profile, workspace, at), ApiObject.of(user), at, null);
    }

    void userRemoved(String profile, String workspace, String uuid, String reason, Instant at) {
        Batch batch = new Batch().event(Topics.RAW_USERS_TOPIC, assetId(uuid),
                RawEvents.removedUser(scan(profile, workspace, at), "{" + uuid + "}", reason, at));
        batch.checkpoint(new ScopeKey(profile, ScopeKey.Entity.USERS, workspace).entityKey("{" + uuid + "}"), null);
        commit(batch);
    }

    /** The profile is gone from the profiles file: the connector's own deleted-profile removals. */
    int profileDeleted(String profile, Instant at) {
        return DeletedProfiles.remove(profile, state, publisher, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static ScanContext scan(String profile, String scope, Instant at) {
        return new ScanContext(profile, ServiceKind.CLOUD, BASE, scope, "scan-" + profile + "-" + at.toEpochMilli());
    }

    private static Batch entity(Batch batch, String profile, ScopeKey.Entity entity, String scope, String sourceId,
            Instant at) {
        ScopeKey key = new ScopeKey(profile, entity, scope);
        batch.checkpoint(key.checkpointKey(), new ConnectorCheckpoint(CheckpointKind.SCOPE, profile, entity.label, scope,
                ScopeProgress.newBuilder().setServiceType(ServiceKind.CLOUD.name()).setBaseUrl(BASE).build(), null, null));
        batch.checkpoint(key.entityKey(sourceId), new ConnectorCheckpoint(CheckpointKind.ENTITY, profile, entity.label,
                scope, null, new EntityProgress(sourceId, at.toString(), "scan-" + at.toEpochMilli(), null, null, null, null), null));
        return batch;
    }

    private void commit(Batch batch) {
        publisher.commit(batch);
        batch.checkpoints().forEach(e -> state.apply(e.key(), (ConnectorCheckpoint) e.value()));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
