package dev.bbinv.connector.config;

import java.util.Map;
import java.util.Set;

/**
 * Reads a profile's {@code auth} mapping into credentials for its service type: Cloud takes an account email with an
 * API token, or a bearer token; Data Center a username with a password or token, or a bearer token. Each mix-up
 * (an app password, a Cloud key on a server profile, an email for a username) is one problem saying what to set.
 */
final class AuthSection {
    private static final String APP_PASSWORD_MESSAGE = "Bitbucket Cloud app passwords were retired by Atlassian on 2026-07-28;"
            + " create an API token (Atlassian account settings > Security > Create API token with scopes) with the scopes"
            + " read:user:bitbucket, read:workspace:bitbucket and read:repository:bitbucket, then set auth.email to the"
            + " account email and auth.apiToken to the token";
    private static final Set<String> AUTH_KEYS = Set.of("email", "apiToken", "username", "password", "token",
            "bearerToken", "appPassword");

    private AuthSection() {}

    /** The profile's credentials for {@code kind}; null after recording why there are none. */
    static Credentials read(ProfileValues in, ServiceKind kind) {
        Object value = in.profile().get("auth");
        if (!(value instanceof Map<?, ?> auth)) {
            in.problem("auth", value == null
                    ? " is missing: no credentials (" + (kind == ServiceKind.CLOUD
                            ? "auth.email + auth.apiToken, or auth.bearerToken"
                            : "auth.username + auth.password or auth.token, or auth.bearerToken") + ")"
                    : "expected a mapping");
            return null;
        }
        in.unknownKeys(auth, AUTH_KEYS, "auth.");
        String email = in.string(auth, "email", "auth.email");
        String username = in.string(auth, "username", "auth.username");
        Secret apiToken = secret(in, auth, "apiToken");
        Secret password = secret(in, auth, "password");
        Secret token = secret(in, auth, "token");
        Secret bearer = secret(in, auth, "bearerToken");
        if (kind == ServiceKind.CLOUD) {
            if (auth.containsKey("appPassword")) {
                in.problem("auth.appPassword", APP_PASSWORD_MESSAGE);
                return null;
            }
            return cloud(in, email, username, apiToken, password, token, bearer);
        }
        // Snyk's form calls the Data Center secret an "App Password": on a server profile it is the password or
        // HTTP access token that goes with auth.username, whatever the key is called.
        Secret appPassword = secret(in, auth, "appPassword");
        if (appPassword != null) {
            if (password != null || token != null || bearer != null) {
                in.problem("auth.appPassword", "set one of auth.appPassword, auth.password, auth.token or"
                        + " auth.bearerToken, not several");
                return null;
            }
            password = appPassword;
        }
        return server(in, email, username, apiToken, password, token, bearer);
    }

    private static Credentials cloud(ProfileValues in, String email, String username, Secret apiToken,
            Secret password, Secret token, Secret bearer) {
        if (username != null && password != null) {
            in.problem("auth.password", APP_PASSWORD_MESSAGE);
            return null;
        }
        if (username != null) {
            in.problem("auth.username", "Bitbucket Cloud API tokens authenticate with the Atlassian account email;"
                    + " set auth.email instead of auth.username");
            return null;
        }
        if (password != null || token != null) {
            in.problem(password != null ? "auth.password" : "auth.token",
                    "not used by type cloud; set auth.apiToken (with auth.email) or auth.bearerToken");
            return null;
        }
        if (bearer != null) {
            if (email != null || apiToken != null) {
                in.problem("auth.bearerToken", "set either auth.bearerToken or auth.email + auth.apiToken, not both");
                return null;
            }
            return Credentials.bearer(bearer);
        }
        if (email == null || apiToken == null) {
            in.problem(email == null ? "auth.email" : "auth.apiToken", " is missing: no credentials"
                    + " (auth.email + auth.apiToken, or auth.bearerToken)");
            return null;
        }
        if (!looksLikeEmail(email)) {
            in.problem("auth.email", "'" + email + "' is not an email; Bitbucket Cloud API tokens authenticate with"
                    + " the Atlassian account email, not the username");
            return null;
        }
        return Credentials.basic(email, apiToken);
    }

    private static Credentials server(ProfileValues in, String email, String username, Secret apiToken,
            Secret password, Secret token, Secret bearer) {
        if (email != null) {
            in.problem("auth.email", "Bitbucket Data Center authenticates with a username, not an email;"
                    + " set auth.username");
            return null;
        }
        if (apiToken != null) {
            in.problem("auth.apiToken", "is a Cloud key; for type server set auth.password, auth.token or"
                    + " auth.bearerToken");
            return null;
        }
        if (bearer != null) {
            if (username != null || password != null || token != null) {
                in.problem("auth.bearerToken", "set either auth.bearerToken or auth.username with a password or"
                        + " token, not both");
                return null;
            }
            return Credentials.bearer(bearer);
        }
        if (username == null || (password == null && token == null)) {
            in.problem(username == null ? "auth.username" : "auth.password", " is missing: no credentials"
                    + " (auth.username + auth.password or auth.token, or auth.bearerToken)");
            return null;
        }
        if (password != null && token != null) {
            in.problem("auth.token", "set either auth.password or auth.token, not both");
            return null;
        }
        if (looksLikeEmail(username)) {
            in.problem("auth.username", "'" + username + "' looks like an email; Bitbucket Data Center expects"
                    + " the username");
            return null;
        }
        return Credentials.basic(username, password != null ? password : token);
    }

    /** A secret value of {@code auth}; null when absent or unusable (an empty one is a problem). */
    private static Secret secret(ProfileValues in, Map<?, ?> auth, String key) {
        String fullKey = "auth." + key;
        Object value = auth.get(key);
        if (value == null) {
            return null;
        }
        String text = in.string(auth, key, fullKey);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            in.problem(fullKey, "is empty");
            return null;
        }
        return Secret.of(text);
    }

    private static boolean looksLikeEmail(String text) {
        int at = text.indexOf('@');
        return at > 0 && at < text.length() - 1 && text.indexOf('@', at + 1) < 0;
    }
}
