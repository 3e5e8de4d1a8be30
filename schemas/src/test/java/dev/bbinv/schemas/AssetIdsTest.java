package dev.bbinv.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AssetIdsTest {

    @Test
    void cloudIdStripsBracesAndCase() {
        assertEquals("cloud:470c176d-3574-44ea-bb41-89e8638bcca4",
                AssetIds.cloud("{470C176D-3574-44ea-bb41-89e8638bcca4}"));
        assertEquals(AssetIds.cloud("{abc}"), AssetIds.cloud("abc"));
    }

    @Test
    void serverIdNormalisesTheBaseUrl() {
        assertEquals("server:https://bitbucket.acme.com:42", AssetIds.server("HTTPS://Bitbucket.ACME.com/", 42));
        assertEquals("server:http://127.0.0.1:7990/bb:7", AssetIds.server("http://127.0.0.1:7990/bb//", 7));
    }

    @Test
    void rejectsMissingInput() {
        assertThrows(IllegalArgumentException.class, () -> AssetIds.cloud(" "));
        assertThrows(IllegalArgumentException.class, () -> AssetIds.server("bitbucket.acme.com", 1));
    }
}
