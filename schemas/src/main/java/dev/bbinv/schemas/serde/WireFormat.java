package dev.bbinv.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format header: magic byte 0, then the writer schema's registry id as a 4-byte big-endian int,
 * then the Avro binary body. Pure functions over byte arrays.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    /** Writes the header for {@code schemaId} into the first {@link #HEADER_LENGTH} bytes of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /**
     * Returns the schema id in the header of {@code data}, a record's key or value read from {@code topic}.
     *
     * @throws SerializationException when {@code data} is too short for a header or does not start with magic byte 0
     */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("record from topic " + topic + " is " + data.length
                    + " bytes long, too short for the Confluent wire format header (magic byte 0 and a 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record from topic %s starts with byte 0x%02x, not the Confluent wire format magic byte 0x00: "
                            + "it was not written by a schema-registry Avro serializer", topic, data[0] & 0xff));
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    private WireFormat() {}
}
