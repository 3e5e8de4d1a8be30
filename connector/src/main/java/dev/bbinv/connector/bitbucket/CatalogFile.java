package dev.bbinv.connector.bitbucket;

/**
 * What fetching a catalog file gave: its bytes, or that it is absent, larger than the cap, or unreadable (401/403 on
 * the file itself, with {@code reason} naming the status and Bitbucket's message).
 */
public record CatalogFile(Status status, byte[] content, long sizeBytes, String etag, String ref, String reason) {
    public enum Status { FOUND, ABSENT, TOO_LARGE, UNREADABLE }

    public CatalogFile(Status status, byte[] content, long sizeBytes, String etag, String ref) {
        this(status, content, sizeBytes, etag, ref, null);
    }

    public static CatalogFile absent(String ref) {
        return new CatalogFile(Status.ABSENT, null, 0, null, ref);
    }

    public static CatalogFile unreadable(String ref, String reason) {
        return new CatalogFile(Status.UNREADABLE, null, 0, null, ref, reason);
    }
}
