package dev.bbinv.sim.auth;

import java.util.Objects;
import java.util.Set;

/**
 * A credential the simulator accepts. {@link #id()} names it in the request log; the secret never leaves
 * this object ({@link #toString()} hides it).
 *
 * @param scopes     Cloud API-token scopes granted, or null for "every scope"
 * @param admin      DC: may call {@code /admin/users}; Cloud: workspace administrator (sees member emails)
 * @param workspaces Cloud workspaces this credential sees, or null for all (access tokens are bound to one)
 */
public record Credential(String id, Dialect dialect, Scheme scheme, String username, String secret,
                         Set<String> scopes, boolean admin, Set<String> workspaces) {

    /** How the credential travels in the Authorization header. */
    public enum Scheme { BASIC, BEARER }

    public Credential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(secret, "secret");
        if (scheme == Scheme.BASIC) {
            Objects.requireNonNull(username, "username");
        }
        scopes = scopes == null ? null : Set.copyOf(scopes);
        workspaces = workspaces == null ? null : Set.copyOf(workspaces);
    }

    /** Cloud: Atlassian account email + API token (Basic), every scope granted. */
    public static Credential cloudApiToken(String email, String apiToken) {
        return new Credential(email, Dialect.CLOUD, Scheme.BASIC, email, apiToken, null, false, null);
    }

    /** Cloud: a workspace/project/repository access token sent as Bearer; logged as {@code access-token:name}. */
    public static Credential cloudAccessToken(String name, String token) {
        return new Credential("access-token:" + name, Dialect.CLOUD, Scheme.BEARER, null, token, null, false, null);
    }

    /** DC: username + password or HTTP access token (Basic). */
    public static Credential serverBasic(String username, String password) {
        return new Credential(username, Dialect.SERVER, Scheme.BASIC, username, password, null, false, null);
    }

    /** DC: an HTTP access token sent as Bearer; logged as {@code http-token:name}. */
    public static Credential serverBearer(String name, String token) {
        return new Credential("http-token:" + name, Dialect.SERVER, Scheme.BEARER, null, token, null, false, null);
    }

    /** The same credential granting only these Cloud API-token scopes (e.g. {@code read:user:bitbucket}). */
    public Credential withScopes(String... granted) {
        return new Credential(id, dialect, scheme, username, secret, Set.of(granted), admin, workspaces);
    }

    public Credential asAdmin() {
        return new Credential(id, dialect, scheme, username, secret, scopes, true, workspaces);
    }

    /** The same credential seeing only these Cloud workspaces. */
    public Credential limitedToWorkspaces(String... slugs) {
        return new Credential(id, dialect, scheme, username, secret, scopes, admin, Set.of(slugs));
    }

    public boolean hasScope(String scope) {
        return scopes == null || scopes.contains(scope);
    }

    public boolean seesWorkspace(String slug) {
        return workspaces == null || workspaces.contains(slug);
    }

    @Override
    public String toString() {
        return "Credential[" + id + ", " + dialect + ", " + scheme + (admin ? ", admin" : "") + "]";
    }
}
