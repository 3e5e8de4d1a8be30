package dev.bbinv.schemas.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class LocalOnlyTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 8088);
    private static final InetSocketAddress ANY = new InetSocketAddress("0.0.0.0", 8088);

    @Test
    void loopbackAddressesAreTheOnlyOnesThatNeedNoToken() {
        assertTrue(LocalOnly.isLoopback("127.0.0.1"));
        assertTrue(LocalOnly.isLoopback("localhost"));
        assertTrue(LocalOnly.isLoopback("::1"));
        assertTrue(LocalOnly.isLoopback("127.0.1.1"));
        assertFalse(LocalOnly.isLoopback("0.0.0.0"));
        assertFalse(LocalOnly.isLoopback("10.1.2.3"));
        assertFalse(LocalOnly.isLoopback("localhost.evil.example"));
    }

    @Test
    void onLoopbackOnlyLoopbackNamesAndTheBoundAddressPassTheHostCheck() {
        assertTrue(LocalOnly.hostAllowed("localhost:8088", LOOPBACK));
        assertTrue(LocalOnly.hostAllowed("LOCALHOST", LOOPBACK));
        assertTrue(LocalOnly.hostAllowed("127.0.0.1:8088", LOOPBACK));
        assertTrue(LocalOnly.hostAllowed("[::1]:8088", LOOPBACK));
        assertFalse(LocalOnly.hostAllowed("evil.example:8088", LOOPBACK));
        assertFalse(LocalOnly.hostAllowed("localhost.evil.example", LOOPBACK));
        assertFalse(LocalOnly.hostAllowed("127.0.0.2:8088", LOOPBACK));
        assertFalse(LocalOnly.hostAllowed(null, LOOPBACK));
        assertTrue(LocalOnly.hostAllowed("127.0.0.2:8088", new InetSocketAddress("127.0.0.2", 8088)),
                "the bound address itself");
        assertTrue(LocalOnly.hostAllowed("inventory.internal", ANY), "off loopback the token guards the server");
    }
}
