package dev.bbinv.sim.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The credentials the simulator accepts; add or revoke at any time, even mid-scan. */
public final class CredentialStore {
    private final Map<String, Credential> byHeaderKey = new ConcurrentHashMap<>();
    private final java.util.Set<String> suspended = ConcurrentHashMap.newKeySet();

    /** The outcome of reading an Authorization header: the credential, or null with a log label. */
    public record Outcome(Credential credential, String logLabel) {
        public boolean authenticated() {
            return credential != null;
        }
    }

    public void add(Credential credential) {
        byHeaderKey.put(key(credential.dialect(), credential.scheme(), credential.username(), credential.secret()),
                credential);
    }

    /** Revokes every credential with this id; later requests with it get 401. */
    public void revoke(String id) {
        byHeaderKey.values().removeIf(c -> c.id().equals(id));
    }

    /** Refuses every credential with this id (401, as for a wrong password) until {@link #restore}: a 401 that heals. */
    public void suspend(String id) {
        suspended.add(id);
    }

    /** Accepts a suspended credential again. */
    public void restore(String id) {
        suspended.remove(id);
    }

    public List<Credential> all() {
        return List.copyOf(byHeaderKey.values());
    }

    /** Checks an Authorization header for one API dialect. The label never contains a secret. */
    public Outcome authenticate(Dialect dialect, String authorization) {
        Outcome outcome = lookUp(dialect, authorization);
        if (outcome.authenticated() && suspended.contains(outcome.credential().id())) {
            return new Outcome(null, "suspended:" + outcome.credential().id());
        }
        return outcome;
    }

    private Outcome lookUp(Dialect dialect, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Outcome(null, "anonymous");
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return new Outcome(null, "invalid:malformed");
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            Credential c = byHeaderKey.get(key(dialect, Credential.Scheme.BEARER, null, value));
            return c != null ? new Outcome(c, c.id()) : new Outcome(null, "invalid:bearer");
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Outcome(null, "invalid:malformed");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return new Outcome(null, "invalid:malformed");
            }
            String user = decoded.substring(0, colon);
            Credential c = byHeaderKey.get(key(dialect, Credential.Scheme.BASIC, user, decoded.substring(colon + 1)));
            return c != null ? new Outcome(c, c.id()) : new Outcome(null, "invalid:" + user);
        }
        return new Outcome(null, "invalid:scheme");
    }

    private static String key(Dialect dialect, Credential.Scheme scheme, String username, String secret) {
        return dialect + "|" + scheme + "|" + (username == null ? "" : username) + "|" + secret;
    }
}
