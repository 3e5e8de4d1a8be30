package dev.bbinv.sink.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * Lets a request through only with {@code Authorization: Bearer <api.token>}; otherwise 401 with
 * {@code WWW-Authenticate: Bearer}. The comparison takes the same time whatever the token sent, so the token cannot
 * be guessed a character at a time. The web page's static files pass without it: they hold no data, and the page
 * is where the user signs in.
 */
final class BearerTokenAuthenticator extends Authenticator {
    private static final String PREFIX = "Bearer ";
    private final byte[] token;

    BearerTokenAuthenticator(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if (WebPage.serves(exchange.getRequestURI().getRawPath())) {
            return new Success(new HttpPrincipal("page", "bbinv"));
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && MessageDigest.isEqual(token, header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            return new Success(new HttpPrincipal("api", "bbinv"));
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"bbinv\"");
        return new Failure(401);
    }
}
