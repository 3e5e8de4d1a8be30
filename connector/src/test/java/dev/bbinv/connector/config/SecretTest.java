package dev.bbinv.connector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void equalByValueHiddenInTextAndFingerprintedOneWay() {
        Secret a = Secret.of("s3cr3t");
        assertEquals(Secret.of("s3cr3t"), a);
        assertEquals(Secret.of("s3cr3t").hashCode(), a.hashCode());
        assertEquals("s3cr3t".hashCode(), a.hashCode());
        assertNotEquals(Secret.of("other"), a);
        assertNotEquals("s3cr3t", a);
        assertEquals("[hidden]", a.toString());
        // The first 8 bytes of SHA-256("s3cr3t"), as hex
        assertEquals("4e738ca5563c06cf", a.fingerprint());
    }
}
