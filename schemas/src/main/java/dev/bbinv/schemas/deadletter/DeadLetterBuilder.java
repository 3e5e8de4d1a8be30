package dev.bbinv.schemas.deadletter;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;

import dev.bbinv.schemas.avro.DeadLetter;

/**
 * The one way every role builds a dead letter: the same payload cap and the same reason vocabulary, so
 * {@code bbinv dlq} can list, filter and redrive letters without knowing which role wrote them. Pure.
 *
 * <p>A reason reads {@code "<kind>: <what went wrong>"}, where kind is {@link Kind#UNREADABLE} (the bytes cannot be
 * read with the schema the registry holds, or are not our wire format at all) or {@link Kind#REJECTED} (readable,
 * but the role refuses the content: a bad key, invalid fields, a row the database refuses).
 */
public final class DeadLetterBuilder {
    /** Keys and values above this are not copied, so a dead letter always fits in one Kafka request. */
    public static final int MAX_COPIED_BYTES = 256 * 1024;

    /** Why a record was parked; the first word of every reason. */
    public enum Kind {
        UNREADABLE, REJECTED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private DeadLetterBuilder() {}

    /**
     * @param stage   the role that parks it: {@code enricher} or {@code sink}
     * @param failure why; its message is the reason's text, its kind is {@link #kindOf}
     */
    public static DeadLetter build(String stage, String topic, int partition, long offset, byte[] key, byte[] value,
            Throwable failure, Instant failedAt) {
        String reason = kindOf(failure).word() + ": " + message(failure);
        if (key != null && key.length > MAX_COPIED_BYTES) {
            reason += " (key of " + key.length + " bytes not copied; read it at the source offset)";
        }
        if (value != null && value.length > MAX_COPIED_BYTES) {
            reason += " (value of " + value.length + " bytes not copied; read it at the source offset)";
        }
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setStage(stage)
                .setReason(reason)
                .setExceptionClass(root(failure).getClass().getName())
                .setKey(copied(key))
                .setValue(copied(value))
                .setFailedAt(failedAt)
                .build();
    }

    /** Unreadable when a serde failed anywhere in the chain, else rejected. */
    public static Kind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SerializationException) {
                return Kind.UNREADABLE;
            }
        }
        return Kind.REJECTED;
    }

    /** The kind word a reason starts with, or empty for letters written before the vocabulary existed. */
    public static String kindWord(String reason) {
        for (Kind kind : Kind.values()) {
            if (reason != null && reason.startsWith(kind.word() + ":")) {
                return kind.word();
            }
        }
        return "";
    }

    /** Whether a record's payload was left out for its size (then only its source offset can redrive it). */
    public static boolean payloadLeftOut(DeadLetter letter) {
        return letter.getReason().contains(" bytes not copied;");
    }

    private static ByteBuffer copied(byte[] bytes) {
        return bytes == null || bytes.length > MAX_COPIED_BYTES ? null : ByteBuffer.wrap(bytes.clone());
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
