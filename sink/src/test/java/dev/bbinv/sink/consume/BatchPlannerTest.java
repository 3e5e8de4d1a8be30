package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.PartitionOffset;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;
import dev.bbinv.sink.testing.Fixtures;

class BatchPlannerTest {
    private static final String REPOS = "inventory.repositories";
    private static final String USERS = "inventory.users";

    @Test
    void keepsTheHighestVersionOfEachAssetEvenWhenAnOlderOneComesLater() {
        RepositoryRecord v2 = Fixtures.record(Fixtures.repository(1, 2).build());
        RepositoryRecord v1 = Fixtures.record(Fixtures.repository(1, 1).build());
        RepositoryRecord other = Fixtures.record(Fixtures.repository(2, 1).build());

        InventoryBatch batch = BatchPlanner.plan(List.of(
                new Change.RepositoryUpsert(REPOS, 0, 10, v2),
                new Change.RepositoryUpsert(REPOS, 0, 11, v1),
                new Change.RepositoryUpsert(REPOS, 1, 3, other)));

        assertEquals(List.of(v2, other), batch.repositories());
        assertEquals(List.of(new PartitionOffset(REPOS, 0, 12), new PartitionOffset(REPOS, 1, 4)), batch.offsets());
    }

    @Test
    void aTombstoneCancelsEarlierUpsertsAndALaterUpsertRecreatesTheAsset() {
        RepositoryRecord a = Fixtures.record(Fixtures.repository(1, 5).build());
        RepositoryRecord b = Fixtures.record(Fixtures.repository(2, 5).build());
        RepositoryRecord bAgain = Fixtures.record(Fixtures.repository(2, 1).build());

        InventoryBatch batch = BatchPlanner.plan(List.of(
                new Change.RepositoryUpsert(REPOS, 0, 0, a),
                new Change.RepositoryDelete(REPOS, 0, 1, a.id()),
                new Change.RepositoryUpsert(REPOS, 0, 2, b),
                new Change.RepositoryDelete(REPOS, 0, 3, b.id()),
                new Change.RepositoryUpsert(REPOS, 0, 4, bAgain)));

        assertEquals(List.of(a.id(), b.id()), batch.deletedRepositoryIds());
        assertEquals(List.of(bAgain), batch.repositories(), "deletes run first, then the re-created asset");
    }

    @Test
    void skippedRecordsStillMoveTheirPartitionsOffset() {
        UserRecord u = Fixtures.record(Fixtures.user(1, 1).build());

        InventoryBatch batch = BatchPlanner.plan(List.of(
                new Change.UserUpsert(USERS, 1, 7, u),
                new Change.Skipped(USERS, 1, 8),
                new Change.Skipped(REPOS, 0, 99),
                new Change.UserDelete(USERS, 0, 2, "server:https://x:1")));

        assertEquals(List.of(u), batch.users());
        assertEquals(List.of("server:https://x:1"), batch.deletedUserIds());
        assertEquals(List.of(new PartitionOffset(USERS, 1, 9), new PartitionOffset(REPOS, 0, 100),
                new PartitionOffset(USERS, 0, 3)), batch.offsets());
    }
}
