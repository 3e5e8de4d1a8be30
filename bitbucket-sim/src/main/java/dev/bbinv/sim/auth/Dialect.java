package dev.bbinv.sim.auth;

/** Which Bitbucket API a request or credential belongs to. */
public enum Dialect {
    /** Bitbucket Cloud REST 2.0, under {@code /2.0}. */
    CLOUD,
    /** Bitbucket Data Center REST 1.0, under {@code /rest/api/1.0}. */
    SERVER
}
