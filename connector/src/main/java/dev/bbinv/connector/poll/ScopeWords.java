package dev.bbinv.connector.poll;

import dev.bbinv.connector.bitbucket.server.ServerClient;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.poll.ScopeKey.Entity;

/**
 * Names a scope in messages as what it is: a Cloud workspace, a Data Center project (or personal project), or the
 * users of a Data Center instance, which belong to no project. Pure.
 */
public final class ScopeWords {
    private ScopeWords() {}

    /** "workspace 'acme'", "project 'PAY'", "personal project '~ANN'", or "instance https://bb.example.com". */
    public static String scope(ServiceKind kind, String baseUrl, Entity entity, String scope) {
        if (kind == ServiceKind.CLOUD) {
            return "workspace '" + scope + "'";
        }
        if (entity == Entity.USERS) {
            return "instance " + baseUrl;
        }
        return (scope.startsWith("~") ? "personal project '" : "project '") + scope + "'";
    }

    /** "repositories of workspace 'acme'", "users of workspace 'acme'", "repositories of project 'PAY'", "users of https://bb.example.com". */
    public static String listing(ServiceKind kind, String baseUrl, Entity entity, String scope) {
        if (kind == ServiceKind.SERVER && entity == Entity.USERS) {
            return "users of " + baseUrl;
        }
        return entity.label + " of " + scope(kind, baseUrl, entity, scope);
    }

    public static String listing(Profile profile, ScopeKey key) {
        return listing(profile.kind(), profile.baseUrlText(), key.entity(), key.scope());
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
