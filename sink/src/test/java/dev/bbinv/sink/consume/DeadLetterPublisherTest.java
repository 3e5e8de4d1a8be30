package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.schemas.avro.DeadLetter;
import dev.bbinv.schemas.deadletter.DeadLetterBuilder;

/** The sink's dead letters come from the shared builder: the same payload cap and reason words as the enricher's. */
class DeadLetterPublisherTest {
    @Test
    void aHugeValueIsNotCopiedAndTheReasonSaysItWasUnreadable() {
        byte[] key = {1, 2, 3};
        byte[] huge = new byte[DeadLetterBuilder.MAX_COPIED_BYTES + 10];
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(Topics.REPOSITORIES, 1, 99, key, huge);
        var poison = new RecordDecoder.PoisonRecordException("record is not the wire format",
                new SerializationException("magic byte"));

        DeadLetter letter = DeadLetterPublisher.deadLetter(r, poison, Instant.EPOCH);

        assertEquals("sink", letter.getStage());
        assertEquals(99, letter.getSourceOffset());
        assertArrayEquals(key, letter.getKey().array());
        assertNull(letter.getValue(), "a value above the cap is left out so the letter fits in one request");
        assertTrue(letter.getReason().startsWith("unreadable: record is not the wire format (value of "),
                letter.getReason());
        assertEquals(SerializationException.class.getName(), letter.getExceptionClass());
    }
}
