package dev.bbinv.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an {@code Authorization} header against the configured token, in constant time. Pure. */
final class BearerToken {
    private BearerToken() {}

    /** True when no token is configured, or the header is {@code Bearer <token>}. */
    static boolean accepts(String token, String authorization) {
        if (token == null || token.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
