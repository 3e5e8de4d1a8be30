package dev.bbinv.schemas.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.DeadLetter;

class DeadLetterBuilderTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aLetterCarriesWhereItCameFromTheBytesAndAKindedReason() {
        byte[] key = {1, 2};
        byte[] value = {3, 4, 5};
        DeadLetter letter = DeadLetterBuilder.build("sink", "inventory.repositories", 1, 42, key, value,
                new IllegalStateException("wrapper", new SerializationException("bad magic byte")), AT);
        assertEquals("inventory.repositories", letter.getSourceTopic());
        assertEquals(1, letter.getSourcePartition());
        assertEquals(42, letter.getSourceOffset());
        assertEquals("sink", letter.getStage());
        assertEquals("unreadable: wrapper", letter.getReason());
        assertEquals(SerializationException.class.getName(), letter.getExceptionClass(), "the root cause");
        assertArrayEquals(key, letter.getKey().array());
        assertArrayEquals(value, letter.getValue().array());
        assertEquals(AT, letter.getFailedAt());
    }

    @Test
    void aFailureWithoutASerdeInItIsRejectedAndAMissingMessageIsTheClassName() {
        DeadLetter letter = DeadLetterBuilder.build("enricher", "t", 0, 0, null, null, new NullPointerException(), AT);
        assertEquals("rejected: NullPointerException", letter.getReason());
        assertNull(letter.getKey());
        assertNull(letter.getValue());
        assertEquals("rejected", DeadLetterBuilder.kindWord(letter.getReason()));
        assertEquals("", DeadLetterBuilder.kindWord("an older letter's reason"));
    }

    @Test
    void payloadsAboveTheCapAreLeftOutAndSaidSoSameForKeyAndValue() {
        byte[] big = new byte[DeadLetterBuilder.MAX_COPIED_BYTES + 1];
        byte[] fits = new byte[DeadLetterBuilder.MAX_COPIED_BYTES];
        DeadLetter letter = DeadLetterBuilder.build("sink", "t", 0, 7, big, fits, new RuntimeException("bad"), AT);
        assertNull(letter.getKey());
        assertEquals(fits.length, letter.getValue().remaining());
        assertEquals("rejected: bad (key of 262145 bytes not copied; read it at the source offset)", letter.getReason());
        assertTrue(DeadLetterBuilder.payloadLeftOut(letter));

        DeadLetter value = DeadLetterBuilder.build("sink", "t", 0, 7, null, big, new RuntimeException("bad"), AT);
        assertNull(value.getValue());
        assertTrue(DeadLetterBuilder.payloadLeftOut(value));
        assertFalse(DeadLetterBuilder.payloadLeftOut(
                DeadLetterBuilder.build("sink", "t", 0, 7, null, fits, new RuntimeException("bad"), AT)));
    }

    @Test
    void theLetterOwnsItsBytes() {
        byte[] value = {9};
        DeadLetter letter = DeadLetterBuilder.build("sink", "t", 0, 0, null, value, new RuntimeException("x"), AT);
        value[0] = 0;
        assertEquals(9, letter.getValue().get(0));
    }
}
