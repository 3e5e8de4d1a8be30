package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.registry.SchemaRegistryException;

class RecordDecoderTest {
    @Test
    void anUnreachableOrFailingRegistryIsTransientButAnUnknownSchemaIsPoison() {
        var down = new SerializationException("x", new SchemaRegistryException("connection refused", null));
        var serverError = new SerializationException("x", new SchemaRegistryException("boom", 503, -1));
        var unknownId = new SerializationException("x", new SchemaRegistryException("not found", 404, 40403));
        var notAvro = new SerializationException("bad magic byte");

        assertTrue(RecordDecoder.registryUnreachable(down));
        assertTrue(RecordDecoder.registryUnreachable(serverError));
        for (int status : new int[] {401, 403, 408, 429, 500, 502}) {
            assertTrue(RecordDecoder.registryUnreachable(
                    new SerializationException("x", new SchemaRegistryException("refused", status, -1))), "HTTP " + status);
        }
        assertFalse(RecordDecoder.registryUnreachable(unknownId));
        assertFalse(RecordDecoder.registryUnreachable(notAvro));
    }
}
