package dev.bbinv.sink.consume;

import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;

/** What one consumed record means for the inventory, with where it was read from. */
public sealed interface Change {
    String topic();

    int partition();

    long offset();

    /** A repository's new state. */
    record RepositoryUpsert(String topic, int partition, long offset, RepositoryRecord record) implements Change {}

    /** A tombstone: the repository is to be forgotten. */
    record RepositoryDelete(String topic, int partition, long offset, String id) implements Change {}

    /** A user's new state. */
    record UserUpsert(String topic, int partition, long offset, UserRecord record) implements Change {}

    /** A tombstone: the user is to be forgotten. */
    record UserDelete(String topic, int partition, long offset, String id) implements Change {}

    /** A record that went to the dead-letter topic; it only moves the offset. */
    record Skipped(String topic, int partition, long offset) implements Change {}
}
