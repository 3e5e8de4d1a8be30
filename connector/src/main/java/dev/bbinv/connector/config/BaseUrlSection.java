package dev.bbinv.connector.config;

import java.net.URI;
import java.net.URISyntaxException;

import dev.bbinv.schemas.http.LocalOnly;

/**
 * Reads a profile's {@code baseUrl} (Cloud's default when absent on a cloud profile) and {@code allowInsecureHttp}:
 * an absolute http(s) URL without query, fragment or user info, plain http only to this host or where allowed.
 */
final class BaseUrlSection {
    private BaseUrlSection() {}

    /** The profile's base URL; null after recording why it has none. */
    static URI read(ProfileValues in, ServiceKind kind) {
        String text = in.string(in.profile(), "baseUrl", "baseUrl");
        if (text == null || text.isBlank()) {
            if (kind == ServiceKind.SERVER) {
                in.problem("baseUrl", " is required for type server (e.g. https://bitbucket.example.com)");
                return null;
            }
            return Profile.CLOUD_DEFAULT_BASE_URL;
        }
        try {
            URI uri = new URI(text.trim());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                in.problem("baseUrl", "'" + text + "' is not an absolute http(s) URL");
                return null;
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                in.problem("baseUrl", "'" + uri.getHost() + "...' must not carry a query, fragment or user info");
                return null;
            }
            // Every credential is Basic or bearer: over plain http anyone on the path reads it.
            boolean allowInsecureHttp = in.bool(in.profile(), "allowInsecureHttp", "allowInsecureHttp", false);
            if ("http".equals(uri.getScheme()) && !LocalOnly.isLoopback(uri.getHost()) && !allowInsecureHttp) {
                in.problem("baseUrl", "'http://" + uri.getHost() + "' would send the credentials unencrypted to "
                        + "another host: use https://, or set allowInsecureHttp: true on the profile if the network"
                        + " is trusted");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            in.problem("baseUrl", "'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
    }
}
