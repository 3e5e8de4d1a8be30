package dev.bbinv.schemas.http;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/** Where this project's JDK HTTP servers (registry, query API and web page, metrics and status) are made. */
public final class HttpServers {
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private HttpServers() {}

    /**
     * A server with TCP_NODELAY on its connections. The JDK server writes headers and body separately; without it,
     * Nagle plus the client's delayed ACK holds each small response about 40 ms. The JDK reads the setting once, when
     * the JVM's first server is made, so every server is made here (an explicit setting is left as it is).
     */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        return HttpServer.create(address, backlog);
    }
}
