package dev.bbinv.sink.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.Topics;
import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.PartitionOffset;
import dev.bbinv.sink.db.UserRecord;
import dev.bbinv.sink.testing.Fixtures;

/** Within one poll: the highest version of a user wins (the later of equal ones), and offsets only move forward. */
class BatchPlannerVersionsTest {
    private static UserRecord user(long version, String name) {
        return Fixtures.record(Fixtures.user(1, version).setDisplayName(name).build());
    }

    @Test
    void theHigherVersionOfAUserWinsAndOfEqualVersionsTheLater() {
        InventoryBatch batch = BatchPlanner.plan(List.of(
                new Change.UserUpsert(Topics.USERS, 0, 5, user(3, "three")),
                new Change.UserUpsert(Topics.USERS, 0, 6, user(2, "older")),
                new Change.UserUpsert(Topics.USERS, 0, 7, user(3, "three again"))));
        assertEquals(List.of(user(3, "three again")), batch.users());
        assertEquals(List.of(new PartitionOffset(Topics.USERS, 0, 8)), batch.offsets());
    }

    @Test
    void anOffsetNeverMovesBackWithinABatch() {
        InventoryBatch batch = BatchPlanner.plan(List.of(
                new Change.Skipped(Topics.REPOSITORIES, 1, 9),
                new Change.Skipped(Topics.REPOSITORIES, 1, 4),
                new Change.Skipped(Topics.REPOSITORIES, 1, 9)));
        assertEquals(List.of(new PartitionOffset(Topics.REPOSITORIES, 1, 10)), batch.offsets());
    }
}
