package dev.bbinv.connector.dialect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.mapping.CommitEvents;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.RawCommitSummary;

/** Bitbucket Cloud: uuids, workspaces, API-token scopes, {@code updated_on} that moves on every push. */
public final class CloudDialect implements Dialect {
    static final CloudDialect INSTANCE = new CloudDialect();

    private CloudDialect() {}

    @Override
    public ServiceKind kind() {
        return ServiceKind.CLOUD;
    }

    /** {@code uuid}, braces kept. */
    @Override
    public String sourceId(ApiObject object) {
        String id = object.text("uuid");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a Cloud object without uuid");
        }
        return id;
    }

    @Override
    public String assetId(String baseUrl, String sourceId) {
        return AssetIds.cloud(sourceId);
    }

    /** Cloud has no archived repositories. */
    @Override
    public boolean isArchived(ApiObject repository) {
        return false;
    }

    @Override
    public boolean incrementalListing() {
        return true;
    }

    /**
     * {@code updated_on} moves on every push, so the file is asked again only when it moved (an ABSENT result
     * included). An object without it is treated as a Data Center one.
     */
    @Override
    public boolean catalogDue(String updatedOn, String validator, boolean jsonChanged, Instant now, Duration refresh) {
        return updatedOn != null ? !Objects.equals(updatedOn, validator)
                : DataCenterDialect.INSTANCE.catalogDue(null, validator, jsonChanged, now, refresh);
    }

    @Override
    public String catalogValidator(String updatedOn, CatalogFile file, Instant fetchedAt) {
        return updatedOn != null ? updatedOn : DataCenterDialect.INSTANCE.catalogValidator(null, file, fetchedAt);
    }

    @Override
    public boolean sameCatalogResult(String updatedOn, String result, String validator) {
        return updatedOn != null ? result.equals(validator)
                : DataCenterDialect.INSTANCE.sameCatalogResult(null, result, validator);
    }

    /** {@code full_name} is {@code workspace/slug}; the default branch is {@code mainbranch.name}. */
    @Override
    public BranchRef branchRef(ApiObject repository) {
        String branch = defaultBranch(repository);
        String fullName = repository.text("full_name");
        if (branch == null || branch.isBlank() || fullName == null || !fullName.contains("/")) {
            return null;
        }
        String[] parts = fullName.split("/", 2);
        return new BranchRef(parts[0], parts[1], branch);
    }

    @Override
    public RawCommitSummary commitSummary(ApiObject commit) {
        return CommitEvents.cloud(commit.node());
    }

    /** {@code updated_on} moves on every push: the commits are read again only when it moved since the last read. */
    @Override
    public boolean commitsDue(String updatedOn, String validator, Instant now, Duration refresh) {
        return updatedOn != null ? !updatedOn.equals(validator)
                : DataCenterDialect.INSTANCE.commitsDue(null, validator, now, refresh);
    }

    @Override
    public String commitsValidator(String updatedOn, Instant readAt) {
        return updatedOn != null ? updatedOn : DataCenterDialect.INSTANCE.commitsValidator(null, readAt);
    }

    /** {@code GET /workspaces/{workspace}/search/code}, where the workspace has search enabled. */
    @Override
    public String catalogSearchUnsupported(String catalogPath) {
        return null;
    }

    /** {@code updated_on} moves on every push. */
    @Override
    public boolean listsPushTimes() {
        return true;
    }

    @Override
    public String defaultBranch(ApiObject repository) {
        return repository.node().path("mainbranch").path("name").asText(null);
    }

    @Override
    public String scope(String baseUrl, Entity entity, String scope) {
        return "workspace '" + scope + "'";
    }

    @Override
    public String listingPermission(Entity entity) {
        return entity == Entity.REPOSITORIES ? "read:repository:bitbucket" : "read:workspace:bitbucket";
    }

    @Override
    public String scopesNoun() {
        return "workspaces";
    }

    /** Workspace, project and repository access tokens cannot list workspaces; the profile must name them. */
    @Override
    public String scopesRefusedHint(Credentials.Scheme scheme) {
        return scheme == Credentials.Scheme.BEARER
                ? " (an access token cannot list workspaces: name them under 'workspaces' in the profile)" : "";
    }

    @Override
    public String credentialsHint() {
        return "the account email and API token";
    }

    @Override
    public String permissionsHint() {
        return "the API token needs read:user:bitbucket, read:workspace:bitbucket and read:repository:bitbucket";
    }

    @Override
    public String baseUrlHint() {
        return "Cloud API base URL (…/2.0)?";
    }

    @Override
    public String toString() {
        return "Cloud";
    }
}
