package dev.bbinv.connector.poll;

import dev.bbinv.connector.bitbucket.server.ServerClient;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.poll.ScopeKey.Entity;

/**
 * Names a scope in messages: with its profile, as its dialect words it ({@link dev.bbinv.connector.dialect.Dialect#listing});
 * without, from its key alone. Pure.
 */
public final class ScopeWords {
    private ScopeWords() {}

    public static String listing(Profile profile, ScopeKey key) {
        return profile.dialect().listing(profile.baseUrlText(), key.entity(), key.scope());
    }

    /**
     * Where the profile is not at hand: "repositories in scope acme", or "users of the instance" for the Data
     * Center users scope, which is no project.
     */
    public static String listing(ScopeKey key) {
        if (key.entity() == Entity.USERS && ServerClient.INSTANCE_SCOPE.equals(key.scope())) {
            return "users of the instance";
        }
        return key.entity().label + " in scope " + key.scope();
    }

    /** For a summary under its profile's line: "repositories in acme", or "users of the instance" (Data Center). */
    public static String brief(ScopeKey key) {
        if (key.entity() == Entity.USERS && ServerClient.INSTANCE_SCOPE.equals(key.scope())) {
            return "users of the instance";
        }
        return key.entity().label + " in " + key.scope();
    }

    /** For a profile's last error: "acme (repositories)", or "users of the instance" for the Data Center users scope. */
    public static String label(ScopeKey key) {
        if (key.entity() == Entity.USERS && ServerClient.INSTANCE_SCOPE.equals(key.scope())) {
            return "users of the instance";
        }
        return key.scope() + " (" + key.entity().label + ")";
    }
}
