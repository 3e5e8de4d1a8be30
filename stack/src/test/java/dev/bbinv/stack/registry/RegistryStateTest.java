package dev.bbinv.stack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RegistryStateTest {
    private static final String A = """
            {"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1}]}""";
    private static final String A_OTHER_DEFAULT = """
            {"type":"record","name":"R","fields":[{"name":"a","type":"int","default":2}]}""";

    private static int register(RegistryState state, String subject, String schema) {
        RegistryState.Registration registration = state.plan(subject, schema, Compatibility.BACKWARD);
        registration.newVersion().ifPresent(state::apply);
        return registration.id();
    }

    @Test
    void aChangedDefaultIsANewSchemaEvenThoughParsingCanonicalFormWouldMergeThem() {
        RegistryState state = new RegistryState();
        int first = register(state, "s", A);
        int second = register(state, "s", A_OTHER_DEFAULT);
        assertNotEquals(first, second);
        assertTrue(state.schemaById(second).contains("\"default\":2"), state.schemaById(second));
    }

    @Test
    void planningChangesNothingUntilApplied() {
        RegistryState state = new RegistryState();
        RegistryState.Registration planned = state.plan("s", A, Compatibility.BACKWARD);
        assertEquals(new SchemaRecord("s", 1, 1, RegistryState.canonical(A)), planned.newVersion().orElseThrow());
        assertThrows(RegistryError.class, () -> state.schemaById(1));
        assertEquals(List.of(), state.subjects());
    }

    @Test
    void replayedRecordsRestoreIdsAndTheNextIdFollowsTheHighest() {
        RegistryState state = new RegistryState();
        state.apply(new SchemaRecord("x", 1, 7, RegistryState.canonical(A)));
        state.apply(new SchemaRecord("x", 1, 7, RegistryState.canonical(A)));
        assertEquals(List.of(1), state.versions("x"));
        assertEquals(7, register(state, "y", A));
        assertEquals(8, register(state, "x", A_OTHER_DEFAULT));
        assertEquals(2, state.version("x", "latest").version());
    }

    @Test
    void unknownThingsAreConfluentErrors() {
        RegistryState state = new RegistryState();
        assertEquals(40401, assertThrows(RegistryError.class, () -> state.versions("nope")).errorCode);
        assertEquals(40403, assertThrows(RegistryError.class, () -> state.schemaById(3)).errorCode);
        register(state, "s", A);
        assertEquals(40402, assertThrows(RegistryError.class, () -> state.version("s", "2")).errorCode);
        assertEquals(42202, assertThrows(RegistryError.class, () -> state.version("s", "0")).errorCode);
        assertEquals(42201, assertThrows(RegistryError.class, () -> state.plan("s", "", Compatibility.NONE)).errorCode);
    }
}
