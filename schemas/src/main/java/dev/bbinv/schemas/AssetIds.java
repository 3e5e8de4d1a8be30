package dev.bbinv.schemas;

import java.net.URI;
import java.util.Locale;

/**
 * The identity of an asset as one string, used as the Kafka key of every raw and inventory topic.
 * Cloud keys on the uuid (renames and moves keep it); Data Center on (instance base URL, numeric id).
 */
public final class AssetIds {

    /** {@code cloud:{uuid}} with the braces and case Bitbucket uses stripped, e.g. {@code cloud:470c176d-3574-...}. */
    public static String cloud(String uuid) {
        if (uuid == null || uuid.isBlank()) {
            throw new IllegalArgumentException("a Bitbucket Cloud uuid is required, got: " + uuid);
        }
        String bare = uuid.trim();
        if (bare.startsWith("{") && bare.endsWith("}")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return "cloud:" + bare.toLowerCase(Locale.ROOT);
    }

    /** {@code server:{baseUrl}:{id}}, e.g. {@code server:https://bitbucket.acme.com:42}. */
    public static String server(String baseUrl, long id) {
        return "server:" + normaliseBaseUrl(baseUrl) + ":" + id;
    }

    /** Lower-cases scheme and host and drops a trailing slash, so that one instance has one spelling. */
    public static String normaliseBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("a base URL is required");
        }
        URI uri = URI.create(baseUrl.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + baseUrl);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
    }

    private AssetIds() {}
}
