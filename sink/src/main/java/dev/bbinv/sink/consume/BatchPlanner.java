package dev.bbinv.sink.consume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bbinv.sink.db.InventoryBatch;
import dev.bbinv.sink.db.PartitionOffset;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;

/**
 * Pure: folds the changes of one poll, in offset order, into one database batch: per asset only the
 * highest version survives, a tombstone cancels what came before it, and each partition's next offset is one
 * past the last record seen.
 */
public final class BatchPlanner {

    public static InventoryBatch plan(List<Change> changes) {
        Set<String> deletedRepos = new LinkedHashSet<>();
        Map<String, RepositoryRecord> repos = new LinkedHashMap<>();
        Set<String> deletedUsers = new LinkedHashSet<>();
        Map<String, UserRecord> users = new LinkedHashMap<>();
        Map<String, PartitionOffset> offsets = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change instanceof Change.RepositoryUpsert u) {
                repos.merge(u.record().id(), u.record(), (old, neu) -> neu.version() >= old.version() ? neu : old);
            } else if (change instanceof Change.RepositoryDelete d) {
                repos.remove(d.id());
                deletedRepos.add(d.id());
            } else if (change instanceof Change.UserUpsert u) {
                users.merge(u.record().id(), u.record(), (old, neu) -> neu.version() >= old.version() ? neu : old);
            } else if (change instanceof Change.UserDelete d) {
                users.remove(d.id());
                deletedUsers.add(d.id());
            }
            String tp = change.topic() + "-" + change.partition();
            PartitionOffset next = new PartitionOffset(change.topic(), change.partition(), change.offset() + 1);
            offsets.merge(tp, next, (old, neu) -> neu.nextOffset() > old.nextOffset() ? neu : old);
        }
        return new InventoryBatch(new ArrayList<>(deletedRepos), new ArrayList<>(repos.values()),
                new ArrayList<>(deletedUsers), new ArrayList<>(users.values()), new ArrayList<>(offsets.values()));
    }

    private BatchPlanner() {}
}
