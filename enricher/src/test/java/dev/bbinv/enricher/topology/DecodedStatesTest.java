package dev.bbinv.enricher.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DecodedStatesTest {
    @Test
    void keepsTheMostRecentlyUsedAndForgetsWhatIsWrittenWithoutItsDecodedForm() {
        DecodedStates states = new DecodedStates(2);
        states.written("a", new byte[] {1}, "A");
        states.written("b", new byte[] {2}, "B");
        states.get("a"); // a is now more recent than b
        states.written("c", new byte[] {3}, "C");

        assertNull(states.get("b"), "the least recently used goes first");
        assertEquals("A", states.get("a").decoded());
        states.written("a", new byte[] {4}, null);
        assertNull(states.get("a"), "bytes written without their decoded state must not be served from the old one");
        states.forget("c");
        assertEquals(0, states.size());
    }
}
