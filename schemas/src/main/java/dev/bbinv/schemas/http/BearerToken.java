package dev.bbinv.schemas.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an {@code Authorization: Bearer <token>} header in constant time, so the token cannot be guessed bit by bit. */
public final class BearerToken {
    private static final String PREFIX = "Bearer ";
    private final byte[] token;

    public BearerToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && MessageDigest.isEqual(token,
                        authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
