package dev.bbinv.schemas.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import java.net.InetSocketAddress;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Answers 421 to a request whose {@code Host} does not name this loopback server (DNS rebinding), before any handler
 * or authenticator runs; see {@link LocalOnly#hostAllowed}. Add it to every context of a server that may bind loopback.
 */
public final class HostHeaderFilter extends Filter {
    private final InetSocketAddress bound;

    /** For a server listening on {@code bound} (its {@code HttpServer.getAddress()}, not the connection's address). */
    public HostHeaderFilter(InetSocketAddress bound) {
        this.bound = bound;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (LocalOnly.hostAllowed(exchange.getRequestHeaders().getFirst("Host"), bound)) {
            chain.doFilter(exchange);
            return;
        }
        byte[] body = "this server answers only requests addressed to localhost, 127.0.0.1 or [::1]\n"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(421, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    @Override
    public String description() {
        return "refuses requests whose Host header is not a loopback name (DNS rebinding)";
    }
}
