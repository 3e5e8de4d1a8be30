package dev.bbinv.connector.bitbucket;

/**
 * Code search is not offered to this credential (refused, not served, or answering something that is not a search),
 * so catalog files are found by asking each repository; {@link #reason()} says why, for status. Not a failure of
 * the scan, unlike {@link BitbucketApiException}: a Data Center 401 here means no search, not a refused credential.
 */
public final class CatalogSearchUnavailableException extends BitbucketException {
    private final String reason;

    public CatalogSearchUnavailableException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** "search unavailable: 404; asked again after …". */
    public String reason() {
        return reason;
    }
}
