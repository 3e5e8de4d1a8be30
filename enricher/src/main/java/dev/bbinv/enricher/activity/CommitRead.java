package dev.bbinv.enricher.activity;

import java.time.Instant;
import java.util.List;

import dev.bbinv.schemas.avro.Developer;

/**
 * What one profile's latest commit read of a repository says: when it read, the newest commit on the branch (null
 * when the branch has none) and the committers of the window, already one entry per person.
 */
public record CommitRead(String profile, Instant fetchedAt, Instant lastCommitAt, List<Developer> developers) {
    public CommitRead {
        developers = List.copyOf(developers);
    }
}
