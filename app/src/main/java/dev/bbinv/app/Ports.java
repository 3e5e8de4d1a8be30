package dev.bbinv.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks the well-known port for a local service when it is free, so that Kafka tools find it where they expect. */
final class Ports {
    private Ports() {}

    /** {@code preferred} when nothing listens on it on 127.0.0.1, else 0 (the service then picks any free port). */
    static int preferredOrAny(int preferred) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", preferred));
            return preferred;
        } catch (IOException e) {
            return 0;
        }
    }
}
