package dev.bbinv.schemas;

/**
 * Why an asset was removed, as the connector publishes it and the inventory shows it: part of the topic contract, so
 * spelt in one place.
 */
public final class RemovalReasons {
    /** A complete scan of its scope no longer lists the repository (confirmed by a second complete scan). */
    public static final String REPO_DELETED = "repo-deleted";
    /** The repository is archived (Data Center); it stays in the inventory, marked removed. */
    public static final String REPO_ARCHIVED = "repo-archived";
    /** A complete scan of the member listing no longer lists the user. */
    public static final String USER_REMOVED = "user-removed";
    /** The profile that saw the asset was removed from the profiles file. */
    public static final String DELETED_PROFILE = "deleted-profile";

    private RemovalReasons() {}
}
