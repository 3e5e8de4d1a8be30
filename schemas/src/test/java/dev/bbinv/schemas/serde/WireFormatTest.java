package dev.bbinv.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void headerIsMagicZeroThenTheIdBigEndian() {
        byte[] bytes = new byte[7];
        WireFormat.writeHeader(bytes, 0x01020304);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 0, 0}, bytes);
        assertEquals(0x01020304, WireFormat.schemaId("t", bytes));
    }

    @Test
    void readsIdsAboveTwoToTheTwentyFour() {
        byte[] bytes = new byte[5];
        WireFormat.writeHeader(bytes, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, WireFormat.schemaId("t", bytes));
        WireFormat.writeHeader(bytes, 255);
        assertEquals(255, WireFormat.schemaId("t", bytes));
    }

    @Test
    void wrongMagicByteIsAClearError() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> WireFormat.schemaId("inventory.repositories", new byte[] {'{', '"', 'a', '"', ':'}));
        assertTrue(e.getMessage().contains("inventory.repositories"), e.getMessage());
        assertTrue(e.getMessage().contains("0x7b"), e.getMessage());
        assertTrue(e.getMessage().contains("magic byte"), e.getMessage());
    }

    @Test
    void bufferShorterThanTheHeaderIsAClearError() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> WireFormat.schemaId("bitbucket.raw.users", new byte[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("bitbucket.raw.users"), e.getMessage());
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
    }
}
