package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bbinv.connector.poll.ScopeKey.Entity;
import dev.bbinv.schemas.avro.CheckpointKind;
import dev.bbinv.schemas.avro.ConnectorCheckpoint;
import dev.bbinv.schemas.avro.EntityProgress;

/** The connector state's entity checkpoints, on the heap and on disk: the same answers, and the disk keeps the heap. */
class ConnectorStateStoreTest {
    private static final ScopeKey ACME = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final ScopeKey ACME2 = new ScopeKey("p", Entity.REPOSITORIES, "acme2");
    private static final ScopeKey USERS = new ScopeKey("p", Entity.USERS, "acme");

    @TempDir
    Path dir;

    private static EntityProgress entity(String id, String scanId) {
        return new EntityProgress(id, "2026-12-01T00:00:00+00:00", scanId, "v-" + id, "fp-" + id,
                "catalog:settings", "2026-12-01T00:00:00+00:00");
    }

    private static void put(ConnectorState state, ScopeKey key, EntityProgress e) {
        state.apply(key.entityKey(e.getSourceId()), ScanCheckpoints.entityRecord(key, e));
    }

    private void sameAnswers(Supplier<ConnectorState> make) {
        try (ConnectorState state = make.get()) {
            put(state, ACME, entity("{a}", "s1"));
            put(state, ACME, entity("{b}", "s1"));
            put(state, ACME, entity("{b}", "s2")); // replaces
            put(state, ACME2, entity("{c}", "s1"));
            put(state, USERS, entity("{u}", "s1"));

            assertEquals("s2", state.entity(ACME, "{b}").getLastSeenScanId());
            assertEquals(2, state.entityCount(ACME));
            assertEquals(1, state.entityCount(ACME2), "acme2's entities are not acme's, though the key extends it");
            Set<String> ids = new TreeSet<>();
            state.forEachEntity(ACME, e -> ids.add(e.getSourceId()));
            assertEquals(Set.of("{a}", "{b}"), ids);
            assertTrue(state.knows("p", "users", "acme", "{u}"));
            assertEquals(Set.of("p"), state.profiles());

            // A tombstone of an entity record forgets just that entity, found by its key alone.
            state.apply(ACME.entityKey("{a}"), null);
            assertNull(state.entity(ACME, "{a}"));
            assertEquals(1, state.entityCount(ACME));
            assertEquals(1, state.entityCount(ACME2));
            state.apply(ACME.entityKey("{nobody}"), null);
            assertEquals(1, state.entityCount(ACME));
            assertEquals(Set.of("{b}"), state.entities(ACME).keySet());
            assertTrue(state.scopesOf("p").containsAll(List.of(ACME, ACME2, USERS)));

            state.apply(ACME.entityKey("{b}"), null);
            assertFalse(state.scopesOf("p").contains(ACME), "a scope without entities or progress is gone");
        }
    }

    @Test
    void onTheHeapAndOnDiskTheStateAnswersTheSame() {
        sameAnswers(ConnectorState::new);
        sameAnswers(() -> ConnectorState.onDisk(dir));
    }

    @Test
    void theDiskStoreLivesInANewDirectoryThatCloseDeletes() throws Exception {
        ConnectorState state = ConnectorState.onDisk(dir);
        put(state, ACME, entity("{a}", "s1"));
        List<Path> made;
        try (Stream<Path> files = Files.list(dir)) {
            made = files.toList();
        }
        assertEquals(1, made.size());
        assertTrue(made.get(0).getFileName().toString().startsWith("connector-state-"));
        state.close();
        assertFalse(Files.exists(made.get(0)));
        assertThrows(IllegalStateException.class, () -> state.entity(ACME, "{a}"), "no use after close");
    }

    /**
     * The point of the disk store: 100,000 entity checkpoints (a first scan of a large estate) leave the heap as it was,
     * where on the heap they take tens of megabytes.
     */
    @Test
    void aHundredThousandCheckpointsOnDiskDoNotStayOnTheHeap() {
        long onHeap = retainedBy(ConnectorState::new);
        long onDisk = retainedBy(() -> ConnectorState.onDisk(dir));
        assertTrue(onHeap > 30L * 1024 * 1024, "on the heap they take room: " + onHeap);
        assertTrue(onDisk < 8L * 1024 * 1024, "on disk the heap keeps a count per scope: " + onDisk);
    }

    private static long retainedBy(Supplier<ConnectorState> make) {
        long before = usedAfterGc();
        try (ConnectorState state = make.get()) {
            String scan = "20261206T000000Z-abcdef";
            for (int i = 0; i < 100_000; i++) {
                String id = "{" + java.util.UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()) + "}";
                ConnectorCheckpoint record = new ConnectorCheckpoint(CheckpointKind.ENTITY, "p", "repositories",
                        "acme", null, entity(id, scan), null);
                state.apply(ACME.entityKey(id), record);
            }
            long retained = usedAfterGc() - before;
            assertEquals(100_000, state.entityCount(ACME));
            return retained;
        }
    }

    private static long usedAfterGc() {
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            System.gc();
            keep.clear();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
