package dev.bbinv.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A registry base URL split into the part that may be shown (no credentials) and an optional Basic
 * {@code Authorization} header value, taken from {@code user:pass@} in the URL or given separately. Pure.
 */
public final class RegistryEndpoint {
    private final URI base;
    private final String authorization;

    private RegistryEndpoint(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * Parses {@code url}; {@code userInfo} ("user:password", may be null) wins over credentials in the URL.
     *
     * @throws IllegalArgumentException when the URL is not absolute http(s); the message never holds credentials
     */
    public static RegistryEndpoint of(URI url, String userInfo) {
        if (url == null || url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("schema registry URL must be an absolute http or https URL, got "
                    + (url == null ? "null" : withoutUserInfo(url)));
        }
        String credentials = userInfo != null ? userInfo
                : url.getRawUserInfo() == null ? null : URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8);
        String authorization = credentials == null || credentials.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return new RegistryEndpoint(withoutUserInfo(url), authorization);
    }

    private static URI withoutUserInfo(URI url) {
        try {
            String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
            return new URI(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                    + path);
        } catch (URISyntaxException e) {
            // Cannot happen for parts taken from a valid URI; keep the credentials out of the message anyway.
            throw new IllegalArgumentException("invalid schema registry URL for host " + url.getHost());
        }
    }

    /** The base URL without credentials and without a trailing slash: safe for messages and logs. */
    public URI base() {
        return base;
    }

    /** The Basic {@code Authorization} header value, if credentials were given. Never log it. */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** The URL of {@code path} (which starts with '/') under the base. */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    /** Encodes one path segment, e.g. a subject name, so that any character survives the trip. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
