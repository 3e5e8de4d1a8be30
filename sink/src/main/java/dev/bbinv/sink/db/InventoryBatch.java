package dev.bbinv.sink.db;

import java.util.List;

/**
 * Everything one poll produced, applied in one transaction: assets to delete (tombstones) first, then upserts,
 * then the offsets that say these records are done.
 */
public record InventoryBatch(
        List<String> deletedRepositoryIds,
        List<RepositoryRecord> repositories,
        List<String> deletedUserIds,
        List<UserRecord> users,
        List<PartitionOffset> offsets) {

    public InventoryBatch {
        deletedRepositoryIds = List.copyOf(deletedRepositoryIds);
        repositories = List.copyOf(repositories);
        deletedUserIds = List.copyOf(deletedUserIds);
        users = List.copyOf(users);
        offsets = List.copyOf(offsets);
    }

    public static InventoryBatch ofRepositories(List<RepositoryRecord> repositories) {
        return new InventoryBatch(List.of(), repositories, List.of(), List.of(), List.of());
    }

    public static InventoryBatch ofUsers(List<UserRecord> users) {
        return new InventoryBatch(List.of(), List.of(), List.of(), users, List.of());
    }

    public int changes() {
        return deletedRepositoryIds.size() + repositories.size() + deletedUserIds.size() + users.size();
    }
}
