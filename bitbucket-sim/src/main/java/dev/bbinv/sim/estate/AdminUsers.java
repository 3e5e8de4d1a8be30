package dev.bbinv.sim.estate;

/**
 * How a Data Center instance answers {@code GET /rest/api/1.0/admin/users}: Bitbucket's own rule (administrators
 * only), or not at all, as on instances where a reverse proxy or gateway keeps admin paths away. {@code /users}
 * answers every authenticated caller whatever this says.
 */
public enum AdminUsers {
    /** Administrators get the page; anyone else 401 (what Bitbucket itself answers). */
    ADMINS_ONLY,
    /** Administrators get the page; anyone else 403 (a security plugin or proxy that says Forbidden). */
    ADMINS_ONLY_FORBIDDEN,
    /** 404 to everyone: the resource is not served on this instance. */
    NOT_FOUND,
    /** 405 to everyone: a gateway refuses GET on admin paths. */
    METHOD_NOT_ALLOWED
}
