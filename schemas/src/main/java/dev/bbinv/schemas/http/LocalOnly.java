package dev.bbinv.schemas.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;

/**
 * The rules that keep bbinv's HTTP servers private by default: off loopback only with a token, and on loopback only
 * for requests that name a loopback host (a web page on another site that rebinds its DNS name to 127.0.0.1 sends its
 * own name in {@code Host}). Pure.
 */
public final class LocalOnly {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private LocalOnly() {}

    /** Whether {@code bindAddress} (a name or literal) is a loopback address; "0.0.0.0" and other hosts are not. */
    public static boolean isLoopback(String bindAddress) {
        if (bindAddress == null) {
            return false;
        }
        String a = bindAddress.trim().toLowerCase(Locale.ROOT);
        return LOOPBACK_NAMES.contains(a) || a.startsWith("127.");
    }

    /**
     * Refuses a server bound off loopback without a token, naming the setting to add.
     *
     * @throws ConfigException naming {@code tokenKey} when {@code bindAddress} is not loopback and the token is blank
     */
    public static void requireTokenOffLoopback(String bindKey, String bindAddress, String tokenKey, String token) {
        if (!isLoopback(bindAddress) && (token == null || token.isBlank())) {
            throw new ConfigException(tokenKey, "[not set]", bindKey + " is " + bindAddress
                    + ", which other hosts can reach: set " + tokenKey + " (a long random secret) so that only callers"
                    + " bearing it are answered, or bind to 127.0.0.1");
        }
    }

    /**
     * Whether a request's {@code Host} header is acceptable for a server listening on {@code bound}: always when it is
     * bound off loopback (the token guards it); on loopback only localhost, 127.0.0.1, [::1] or the bound address,
     * with any port. A missing header (HTTP/1.0) is refused on loopback.
     */
    public static boolean hostAllowed(String hostHeader, InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        if (address != null && !address.isLoopbackAddress()) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostOf(hostHeader.trim().toLowerCase(Locale.ROOT));
        return LOOPBACK_NAMES.contains(host) || host.equals(bound.getHostString().toLowerCase(Locale.ROOT))
                || (address != null && host.equals(address.getHostAddress()));
    }

    /** "host:port" or "[v6]:port" without the port. */
    private static String hostOf(String header) {
        if (header.startsWith("[")) {
            int end = header.indexOf(']');
            return end < 0 ? header : header.substring(0, end + 1);
        }
        int colon = header.indexOf(':');
        return colon < 0 ? header : header.substring(0, colon);
    }
}
