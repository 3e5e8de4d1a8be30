package dev.bbinv.connector.bitbucket;

import java.util.List;

/**
 * What the connector asks of one Bitbucket (Cloud workspaces or DC projects are its "scopes"); the Cloud and Data
 * Center implementations return the same {@link Page}s of verbatim objects.
 */
public interface BitbucketClient {

    /** Every scope the credential can see: Cloud workspace slugs, DC project keys (personal ones if asked for). */
    List<String> visibleScopes();

    /** The scopes users are listed by: Cloud workspaces as given; DC the whole instance ({@code "*"}). */
    List<String> userScopes(List<String> repositoryScopes);

    /**
     * One page of a scope's repositories, from {@code cursor} (null for the first page); with {@code updatedSince}
     * (Cloud only) just those updated after it, newest first.
     */
    Page<ApiObject> repositories(String scope, String cursor, String updatedSince);

    /** One page of a user scope's users. */
    Page<ApiObject> users(String scope, String cursor);

    /** Which listing users come from and why, for status (DC: {@code /admin/users} or {@code /users}); null when there is no choice. */
    default String userListing() {
        return null;
    }

    /**
     * Every repository of {@code scope} whose main branch has a file at exactly {@code path}, by code search; only
     * called where the dialect offers search ({@link dev.bbinv.connector.dialect.Dialect#catalogSearchUnsupported}).
     * Throws {@link BitbucketApiException} when search answers an error (404 or 403 where it is switched off),
     * {@link CatalogSearchUnavailableException} where the client knows search is not there for this credential (Data
     * Center), and {@link BitbucketProtocolException} when its answer cannot be trusted to be complete.
     */
    default CatalogSearch searchCatalogFiles(String scope, String path) {
        throw new UnsupportedOperationException("code search is not offered by " + getClass().getSimpleName());
    }

    /** The catalog file at {@code path} on the repository's main branch. */
    CatalogFile catalogFile(ApiObject repository, String path, long maxBytes);

    /**
     * One page of the commits on a repository's branch, newest first, from {@code cursor} (null: the first page). A
     * branch without commits (an empty repository) is a {@link BitbucketApiException} with status 404.
     */
    Page<ApiObject> commits(BranchRef ref, String cursor);

    /**
     * The cheapest calls that prove every permission a scan needs, on {@code scopes} (the profile's workspaces or
     * projects; empty: those visible). Throws when the credential itself is refused or Bitbucket cannot be reached.
     */
    AccessReport checkAccess(List<String> scopes);

    /** Requests sent so far through this client. */
    long requestCount();

    /** Requests left in this client's credential budget window. */
    int requestsLeft();
}
