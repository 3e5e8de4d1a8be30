package dev.bbinv.connector.config;

import java.util.Objects;

/**
 * How a profile authenticates: Basic (Cloud: account email + API token; DC: username + password or HTTP access
 * token) or Bearer (access tokens). {@code toString()} shows the user but never the secret.
 */
public record Credentials(Scheme scheme, String user, Secret secret) {
    public enum Scheme { BASIC, BEARER }

    public Credentials {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(secret, "secret");
        if (scheme == Scheme.BASIC && (user == null || user.isBlank())) {
            throw new IllegalArgumentException("Basic credentials need a user");
        }
    }

    public static Credentials basic(String user, Secret secret) {
        return new Credentials(Scheme.BASIC, user, secret);
    }

    public static Credentials bearer(Secret token) {
        return new Credentials(Scheme.BEARER, null, token);
    }

    /** Identifies the credential (scheme, user, secret fingerprint) without revealing it; profiles sharing it share a budget. */
    public String budgetKey(String host) {
        return host + "|" + scheme + "|" + (user == null ? "" : user) + "|" + secret.fingerprint();
    }

    @Override
    public String toString() {
        return scheme == Scheme.BASIC ? "Basic(" + user + ", [hidden])" : "Bearer([hidden])";
    }
}
