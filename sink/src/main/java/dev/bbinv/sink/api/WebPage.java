package dev.bbinv.sink.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * The inventory web page: static files from the classpath ({@code dev/bbinv/sink/web/}), {@code /} for the page and
 * {@code /ui/<file>} for its scripts and styles. They hold no data (the page reads it from the API with the token
 * the user signs in with), so they are served without the token. Nothing is loaded from another host, and the
 * Content-Security-Policy makes the browser refuse it if something ever tried.
 */
final class WebPage {
    static final String ASSET_PREFIX = "/ui/";
    private static final String ROOT = "/dev/bbinv/sink/web/";
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.(html|js|css|svg)");
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'none'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'self'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    /** Whether this path (relative to where the API is mounted) is the page or one of its files. */
    static boolean serves(String path) {
        return path.equals("/") || path.equals("/favicon.ico") || path.startsWith(ASSET_PREFIX);
    }

    private volatile boolean tokenRequired;

    /** Tells the page to ask for the API token before its first request (so no request of it is ever refused). */
    void requireToken(boolean required) {
        this.tokenRequired = required;
    }

    void serve(HttpExchange exchange, String path) throws IOException {
        if (path.equals(ASSET_PREFIX + "session.json")) {
            byte[] body = ("{\"tokenRequired\":" + tokenRequired + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        // Browsers ask for /favicon.ico whatever the page links; it gets the page's icon.
        String name = path.equals("/") ? "index.html" : path.equals("/favicon.ico") ? "favicon.svg"
                : path.substring(ASSET_PREFIX.length());
        InputStream in = ASSET_NAME.matcher(name).matches() ? WebPage.class.getResourceAsStream(ROOT + name) : null;
        if (in == null) {
            byte[] body = "not found".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        try (in) {
            byte[] body = in.readAllBytes();
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            // Revalidated on every load, so a new version of the page is picked up at once.
            headers.set("Cache-Control", "no-cache");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
