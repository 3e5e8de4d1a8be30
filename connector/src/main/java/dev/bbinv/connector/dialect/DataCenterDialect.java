package dev.bbinv.connector.dialect;

import java.time.Duration;
import java.time.Instant;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.mapping.CommitEvents;
import dev.bbinv.connector.poll.CatalogValidators;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.RawCommitSummary;

/** Bitbucket Data Center: numeric ids, projects, permissions, archived repositories, no time that moves on a push. */
public final class DataCenterDialect implements Dialect {
    static final DataCenterDialect INSTANCE = new DataCenterDialect();

    private DataCenterDialect() {}

    @Override
    public ServiceKind kind() {
        return ServiceKind.SERVER;
    }

    /** The numeric {@code id} as text. */
    @Override
    public String sourceId(ApiObject object) {
        String id = object.text("id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a Data Center object without id");
        }
        Long.parseLong(id); // DC ids are numeric; anything else is a broken object
        return id;
    }

    @Override
    public String assetId(String baseUrl, String sourceId) {
        return AssetIds.server(baseUrl, Long.parseLong(sourceId));
    }

    @Override
    public boolean isArchived(ApiObject repository) {
        return repository.node().path("archived").asBoolean(false);
    }

    /** The DC repository listing cannot filter by update time: every scan lists everything. */
    @Override
    public boolean incrementalListing() {
        return false;
    }

    /**
     * Nothing in the repository JSON moves on a push, and asking for the default branch's latest commit costs the
     * same one request as the file itself, so the file is asked again when the JSON changed or the refresh interval
     * has passed (fetching each file each scan would spend the budget on unchanged files); it is published only when
     * its result changed ({@link CatalogValidators}).
     */
    @Override
    public boolean catalogDue(String updatedOn, String validator, boolean jsonChanged, Instant now, Duration refresh) {
        return jsonChanged || CatalogValidators.due(validator, now, refresh);
    }

    @Override
    public String catalogValidator(String updatedOn, CatalogFile file, Instant fetchedAt) {
        return CatalogValidators.ofResult(file, fetchedAt);
    }

    @Override
    public boolean sameCatalogResult(String updatedOn, String result, String validator) {
        return CatalogValidators.sameResult(result, validator);
    }

    /**
     * {@code project.key}, {@code slug} and, when the listing names it, {@code defaultBranch}. Data Center's spec
     * marks {@code RestRepository.defaultBranch} write-only, so an instance may leave it out; a repository
     * without it is still read, from the tip of its default branch (an empty one answers no commit).
     */
    @Override
    public BranchRef branchRef(ApiObject repository) {
        String branch = defaultBranch(repository);
        String slug = repository.text("slug");
        String project = repository.node().path("project").path("key").asText(null);
        return slug == null || project == null ? null
                : new BranchRef(project, slug, branch == null || branch.isBlank() ? null : branch);
    }

    @Override
    public RawCommitSummary commitSummary(ApiObject commit) {
        return CommitEvents.dataCenter(commit.node());
    }

    /**
     * Nothing in the repository JSON moves on a push, so the commits are read again once
     * {@code commits.refresh.interval.ms} has passed since the last read (an unreadable validator: now).
     */
    @Override
    public boolean commitsDue(String updatedOn, String validator, Instant now, Duration refresh) {
        if (validator == null) {
            return true;
        }
        try {
            return !Instant.parse(validator).plus(refresh).isAfter(now);
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    @Override
    public String commitsValidator(String updatedOn, Instant readAt) {
        return readAt.toString();
    }

    /**
     * {@code GET /rest/search/latest/repos-matching-root-file} (Data Center's search, used by Atlassian's Jenkins
     * plugin) finds files at a repository's root only: a catalog file in a folder is asked of each repository.
     */
    @Override
    public String catalogSearchUnsupported(String catalogPath) {
        return catalogPath.contains("/")
                ? "Data Center search finds root files only; '" + catalogPath + "' is in a folder" : null;
    }

    /**
     * RestRepository has no time at all (neither the listing nor the search gives one), and a push changes nothing in
     * its JSON.
     */
    @Override
    public boolean listsPushTimes() {
        return false;
    }

    @Override
    public String defaultBranch(ApiObject repository) {
        return repository.text("defaultBranch");
    }

    /** Users belong to no project: their scope is the instance. */
    @Override
    public String scope(String baseUrl, Entity entity, String scope) {
        if (entity == Entity.USERS) {
            return "instance " + baseUrl;
        }
        return (scope.startsWith("~") ? "personal project '" : "project '") + scope + "'";
    }

    @Override
    public String listing(String baseUrl, Entity entity, String scope) {
        return entity == Entity.USERS ? "users of " + baseUrl : Dialect.super.listing(baseUrl, entity, scope);
    }

    /** Users: the client asked /users after /admin/users, and neither is served at this base URL. */
    @Override
    public String notFoundReason(String baseUrl, Entity entity, String scope) {
        if (entity == Entity.USERS) {
            return listing(baseUrl, entity, scope) + " cannot be listed: neither /rest/api/1.0/admin/users nor"
                    + " /rest/api/1.0/users is served there; is " + baseUrl + " the Data Center base URL?";
        }
        return Dialect.super.notFoundReason(baseUrl, entity, scope);
    }

    @Override
    public String listingPermission(Entity entity) {
        return entity == Entity.REPOSITORIES ? "PROJECT_READ on the project" : "LICENSED_USER";
    }

    @Override
    public String scopesNoun() {
        return "projects";
    }

    @Override
    public String scopesRefusedHint(Credentials.Scheme scheme) {
        return "";
    }

    @Override
    public String credentialsHint() {
        return "the username and its password, token or app password";
    }

    @Override
    public String permissionsHint() {
        return "the user or token needs PROJECT_READ/REPO_READ (Snyk's \"Projects: Read\")";
    }

    @Override
    public String baseUrlHint() {
        return "Data Center base URL?";
    }

    @Override
    public String toString() {
        return "Data Center";
    }
}
