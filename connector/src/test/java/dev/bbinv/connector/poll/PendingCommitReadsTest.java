package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.poll.CommitActivityReader.Target;
import dev.bbinv.connector.poll.ScopeKey.Entity;

/** Due commit reads kept beside the checkpoints, read a chunk at a time; on the heap and on disk alike. */
class PendingCommitReadsTest {
    private static final ScopeKey ACME = new ScopeKey("p", Entity.REPOSITORIES, "acme");
    private static final ScopeKey GLOBEX = new ScopeKey("p", Entity.REPOSITORIES, "globex");

    @TempDir
    Path dir;

    @Test
    void targetsSurviveTheirEncodingWithAndWithoutABranch() {
        Target full = new Target("{a}", "2026-12-01T00:00:00+00:00", new BranchRef("acme", "repo-1", "main"));
        Target noBranch = new Target("{b}", null, null);
        Target partial = new Target("12", "x", new BranchRef("PLAT", "repo", null));
        for (Target t : List.of(full, noBranch, partial)) {
            assertEquals(t, PendingCommitReads.decode(PendingCommitReads.encode(t)));
        }
    }

    @Test
    void pagesThroughAScopeInChunksWhileEntriesAreRemoved() {
        try (ConnectorState heap = new ConnectorState(); ConnectorState disk = ConnectorState.onDisk(dir)) {
            for (ConnectorState state : List.of(heap, disk)) {
                PendingCommitReads reads = state.commitReads();
                for (int i = 0; i < 120; i++) {
                    reads.put(ACME, new Target(String.format("{%03d}", i), "t", null));
                }
                reads.put(ACME, new Target("{000}", "t2", null)); // replaces, not a second one
                reads.put(GLOBEX, new Target("{g}", "t", null));
                assertEquals(120, reads.count(ACME));
                assertEquals("t2", reads.page(ACME, null, 1).get(0).updatedOn());

                List<String> seen = new ArrayList<>();
                String after = null;
                for (List<Target> chunk = reads.page(ACME, null, 50); !chunk.isEmpty();
                        chunk = reads.page(ACME, after, 50)) {
                    assertTrue(chunk.size() <= 50);
                    chunk.forEach(t -> seen.add(t.sourceId()));
                    after = chunk.get(chunk.size() - 1).sourceId();
                    chunk.stream().filter(t -> !t.sourceId().equals("{007}")).forEach(t -> reads.remove(ACME, t.sourceId()));
                }
                assertEquals(120, seen.size(), "every target once, none of globex");
                assertEquals(List.of("{007}"), reads.page(ACME, null, 10).stream().map(Target::sourceId).toList());
                assertEquals(1, reads.count(ACME), "the one left for the next scan");
                assertEquals(1, reads.count(GLOBEX));
            }
        }
    }
}
