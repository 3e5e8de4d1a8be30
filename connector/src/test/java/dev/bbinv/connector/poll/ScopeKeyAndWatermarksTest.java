package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The checkpoint keys a scope writes under, and the later-of-two watermark rule. */
class ScopeKeyAndWatermarksTest {
    @Test
    void checkpointKeysNameProfileEntityScopeAndSourceId() {
        ScopeKey key = new ScopeKey("acme", ScopeKey.Entity.USERS, "ws");
        assertEquals("acme|users|ws", key.checkpointKey());
        assertEquals("acme|users|ws|{u-1}", key.entityKey("{u-1}"));
        assertEquals("acme/users/ws", key.toString());
        assertEquals(ScopeKey.Entity.USERS, ScopeKey.Entity.of("users"));
        assertEquals(ScopeKey.Entity.REPOSITORIES, ScopeKey.Entity.of("repositories"));
        assertEquals("repositories", ScopeKey.Entity.REPOSITORIES.label);
    }

    @Test
    void laterKeepsTheLaterValidTimestampInItsOwnSpelling() {
        String early = "2026-11-01T10:00:00.000001+00:00";
        String late = "2026-11-01T12:00:00+02:00"; // 10:00 UTC: a microsecond before `early`, though it reads later
        String latest = "2026-11-02T00:00:00.5+00:00";
        assertEquals(latest, Watermarks.later(early, latest));
        assertEquals(latest, Watermarks.later(latest, early));
        assertEquals(early, Watermarks.later(early, late), "compared as instants, not as text");
        assertEquals(early, Watermarks.later(null, early));
        assertNull(Watermarks.later(null, "not a time"));
        assertNull(Watermarks.later(null, null));
        assertEquals(early, Watermarks.later(early, null));
        assertEquals(early, Watermarks.later(early, "yesterday"));
    }
}
