package dev.bbinv.enricher.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.normalize.InvalidRawEventException;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.registry.SchemaRegistryException;

class DeadLettersTest {

    @Test
    void anUnreachableOrFailingRegistryIsRetriedNotParked() {
        assertTrue(DeadLetters.notTheRecordsFault(new SerializationException("cannot read",
                new SchemaRegistryException("registry unreachable", new IOException("refused")))));
        assertTrue(DeadLetters.notTheRecordsFault(new SerializationException("cannot read",
                new SchemaRegistryException("registry failed", 503, 50003))));
        for (int status : new int[] {401, 403, 408, 429, 500, 502}) {
            assertTrue(DeadLetters.notTheRecordsFault(new SerializationException("cannot read",
                    new SchemaRegistryException("registry refused", status, -1))), "HTTP " + status);
        }
    }

    @Test
    void unreadableStateIsRetriedNotParked() {
        assertTrue(DeadLetters.notTheRecordsFault(new dev.bbinv.enricher.state.UnreadableStateException("old", null)));
    }

    @Test
    void anUnknownSchemaIdOrABadRecordIsParked() {
        assertFalse(DeadLetters.notTheRecordsFault(new SerializationException("cannot read",
                new SchemaRegistryException("schema not found", 404, 40403))));
        assertFalse(DeadLetters.notTheRecordsFault(new SerializationException("not wire format")));
        assertFalse(DeadLetters.notTheRecordsFault(new InvalidRawEventException("no uuid")));
    }

    @Test
    void aDeadLetterCarriesWhereItCameFromAndWhy() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        DeadLetter letter = DeadLetters.of("t", 3, 42, new byte[] {1}, new byte[] {2}, new NullPointerException("x"),
                at);
        assertEquals("t", letter.getSourceTopic());
        assertEquals(3, letter.getSourcePartition());
        assertEquals(42, letter.getSourceOffset());
        assertEquals("rejected: x", letter.getReason());
        assertEquals("java.lang.NullPointerException", letter.getExceptionClass());
        assertEquals(at, letter.getFailedAt());
    }

    @Test
    void aHugePayloadIsNotCopiedSoTheDeadLetterAlwaysFits() {
        DeadLetter letter = DeadLetters.of("t", 0, 7, new byte[] {1}, new byte[dev.bbinv.schemas.deadletter.DeadLetterBuilder.MAX_COPIED_BYTES + 1],
                new InvalidRawEventException("bad"), Instant.EPOCH);
        assertNull(letter.getValue());
        assertEquals("rejected: bad (value of 262145 bytes not copied; read it at the source offset)", letter.getReason());
    }
}
