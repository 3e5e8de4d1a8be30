package dev.bbinv.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegistryEndpointTest {

    @Test
    void credentialsInTheUrlBecomeABasicHeaderAndLeaveTheShownUrl() {
        RegistryEndpoint endpoint = RegistryEndpoint.of(URI.create("https://ops:s%40cret@registry.example:8081/sr/"), null);
        assertEquals("https://registry.example:8081/sr", endpoint.base().toString());
        assertEquals("https://registry.example:8081/sr", endpoint.toString());
        assertEquals(Optional.of(basic("ops:s@cret")), endpoint.authorization());
        assertEquals(URI.create("https://registry.example:8081/sr/schemas/ids/3"), endpoint.resolve("/schemas/ids/3"));
    }

    @Test
    void separateCredentialsWinOverTheUrl() {
        RegistryEndpoint endpoint = RegistryEndpoint.of(URI.create("http://a:b@localhost:8081"), "svc:token");
        assertEquals(Optional.of(basic("svc:token")), endpoint.authorization());
        assertEquals("http://localhost:8081", endpoint.base().toString());
    }

    @Test
    void noCredentialsMeansNoHeader() {
        assertEquals(Optional.empty(), RegistryEndpoint.of(URI.create("http://localhost:8081"), null).authorization());
    }

    @Test
    void rejectsANonHttpUrlWithoutPrintingItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegistryEndpoint.of(URI.create("ftp://ops:hunter2@registry.example"), null));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("ftp://registry.example"), e.getMessage());
    }

    @Test
    void encodesSubjectsAsOnePathSegment() {
        assertEquals("a%2Fb%20c%2Bd-value", RegistryEndpoint.segment("a/b c+d-value"));
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
