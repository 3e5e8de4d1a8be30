package dev.bbinv.connector.bitbucket;

/** What fetching a catalog file gave: its bytes, or that it is absent or larger than the cap. */
public record CatalogFile(Status status, byte[] content, long sizeBytes, String etag, String ref) {
    public enum Status { FOUND, ABSENT, TOO_LARGE }

    public static CatalogFile absent(String ref) {
        return new CatalogFile(Status.ABSENT, null, 0, null, ref);
    }
}
