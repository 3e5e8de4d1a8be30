package dev.bbinv.connector.dialect;

import java.time.Duration;
import java.time.Instant;

import dev.bbinv.connector.bitbucket.ApiObject;
import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.bitbucket.CatalogFile;
import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.avro.RawCommitSummary;

/**
 * Every Cloud-versus-Data-Center decision outside the HTTP clients, answered once per flavour: ids, archived
 * repositories, incremental listings, when a catalog file is asked again, and how messages name scopes and
 * permissions. Pure; obtain one with {@link #of(ServiceKind)}.
 */
public interface Dialect {

    static Dialect of(ServiceKind kind) {
        return kind == ServiceKind.CLOUD ? CloudDialect.INSTANCE : DataCenterDialect.INSTANCE;
    }

    ServiceKind kind();

    /** The source id Bitbucket gives an object; throws {@link IllegalArgumentException} for an object without one. */
    String sourceId(ApiObject object);

    /** The Kafka key (asset id) of an object with this source id on the instance at {@code baseUrl}. */
    String assetId(String baseUrl, String sourceId);

    /** Whether a listed repository is archived (stated as removed). */
    boolean isArchived(ApiObject repository);

    /** Whether repositories can be listed updated-since a watermark (else every scan of them is complete). */
    boolean incrementalListing();

    /**
     * Whether a repository's catalog file is asked again on this sighting.
     *
     * @param updatedOn   the repository's {@code updated_on}, or null
     * @param validator   the validator recorded with its last fetch, or null
     * @param jsonChanged whether the repository JSON changed since the last scan
     */
    boolean catalogDue(String updatedOn, String validator, boolean jsonChanged, Instant now, Duration refresh);

    /** The validator recorded after fetching {@code file} at {@code fetchedAt}. */
    String catalogValidator(String updatedOn, CatalogFile file, Instant fetchedAt);

    /** Whether a fetch whose validator is {@code result} found what {@code validator} recorded (not published again). */
    boolean sameCatalogResult(String updatedOn, String result, String validator);

    /**
     * Where the repository's default-branch commits are read; null when they cannot be (Cloud: no main branch, an
     * empty repository). A Data Center ref may name no branch (its listing left it out): the tip of the default
     * branch is read, and an empty repository answers no commit.
     */
    BranchRef branchRef(ApiObject repository);

    /** One commit object as a summary; throws {@link IllegalArgumentException} for one without id or date. */
    RawCommitSummary commitSummary(ApiObject commit);

    /**
     * Whether a repository's commits are read again on this sighting.
     *
     * @param updatedOn the repository's {@code updated_on}, or null
     * @param validator the validator recorded with its last read, or null
     */
    boolean commitsDue(String updatedOn, String validator, Instant now, Duration refresh);

    /** The validator recorded after reading a repository's commits at {@code readAt}. */
    String commitsValidator(String updatedOn, Instant readAt);

    /**
     * Why catalog files at {@code catalogPath} cannot be found by code search here (each repository is probed
     * instead), for status; null where the client offers
     * {@link dev.bbinv.connector.bitbucket.BitbucketClient#searchCatalogFiles} for that path.
     */
    String catalogSearchUnsupported(String catalogPath);

    /**
     * Whether a repository's listing gives a time that moves on a push (Cloud {@code updated_on}), by which a code
     * search's lag is made up for ({@link dev.bbinv.connector.poll.CatalogDiscovery}); without one (Data Center) the
     * search is trusted for repositories whose JSON is unchanged since the previous scan.
     */
    boolean listsPushTimes();

    /** The repository's default branch name as its listing gives it, or null (an empty repository). */
    String defaultBranch(ApiObject repository);

    /** How messages name a scope: "workspace 'acme'", "project 'PAY'", "instance https://…". */
    String scope(String baseUrl, Entity entity, String scope);

    /** How messages name a scope's listing: "repositories of workspace 'acme'", "users of https://…". */
    default String listing(String baseUrl, Entity entity, String scope) {
        return entity.label + " of " + scope(baseUrl, entity, scope);
    }

    /** Why a scope's listing answered 404. */
    default String notFoundReason(String baseUrl, Entity entity, String scope) {
        return scope(baseUrl, entity, scope) + " not found or not visible to this credential";
    }

    /** The permission (or API-token scope) a listing of {@code entity} needs, for a 403's reason. */
    String listingPermission(Entity entity);

    /** What a profile's scopes are called: "workspaces" or "projects". */
    String scopesNoun();

    /** Appended to a refused scope listing: why this credential cannot list scopes at all; empty when nothing to add. */
    String scopesRefusedHint(Credentials.Scheme scheme);

    /** {@code profiles check}, 401: what to check in the credentials. */
    String credentialsHint();

    /** {@code profiles check}, 403: the permissions a scan needs. */
    String permissionsHint();

    /** {@code profiles check}, 404: which base URL the profile must name. */
    String baseUrlHint();
}
