package dev.bbinv.enricher.activity;

import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.commit;
import static dev.bbinv.enricher.Fixtures.commits;
import static dev.bbinv.enricher.Fixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.Developer;

class DeveloperMergeTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private static final String ANN_UUID = "{aaaaaaaa-1111-2222-3333-444444444444}";

    @Test
    void oneLinkedUserIsOneDeveloperWhateverEmailsTheCommitsCarry() {
        CommitRead read = DeveloperMerge.read(commits(cloud("p", "acme", T), "{r}", T.minusSeconds(10),
                commit("c3", T.minusSeconds(10), "Ann", "ann@new.example", ANN_UUID),
                commit("c2", T.minusSeconds(20), "Ann Old", "ann@old.example", ANN_UUID),
                commit("c1", T.minusSeconds(30), "Bob", "bob@acme.com", null)));

        assertEquals(2, read.developers().size());
        Developer ann = read.developers().get(0);
        assertEquals("cloud:aaaaaaaa-1111-2222-3333-444444444444", ann.getUserAssetId());
        assertEquals(2, ann.getCommitCount());
        assertEquals(T.minusSeconds(10), ann.getLastCommitAt());
        assertEquals("ann@new.example", ann.getEmail()); // the newest commit's details
        assertEquals("p", ann.getDiscoveredBy());
        Developer bob = read.developers().get(1);
        assertNull(bob.getUserAssetId());
        assertEquals("bob@acme.com", bob.getEmail());
        assertEquals(1, bob.getCommitCount());
    }

    @Test
    void unlinkedCommitsJoinTheLinkedUserWithTheirEmailElseGroupByEmailThenName() {
        CommitRead read = DeveloperMerge.read(commits(server("dc", "PRJ", T), "42", T,
                commit("c1", T, "jdoe", "J.Doe@acme.com", "101"),
                commit("c2", T.minusSeconds(5), "John", "j.doe@acme.com", null),
                commit("c3", T.minusSeconds(6), "Eve", "EVE@acme.com", null),
                commit("c4", T.minusSeconds(7), "Eve E.", "eve@acme.com", null),
                commit("c5", T.minusSeconds(8), "Robot", null, null),
                commit("c6", T.minusSeconds(9), "Robot", null, null),
                commit("c7", T.minusSeconds(9), null, null, null)));

        assertEquals(List.of("user:server:https://bitbucket.acme.com:101", "email:eve@acme.com", "name:Robot"),
                read.developers().stream().map(DeveloperMerge::identity).toList());
        assertEquals(List.of(2, 2, 2), read.developers().stream().map(Developer::getCommitCount).toList());
    }

    @Test
    void profilesSeeingOneRepositoryMergeWithoutCountingCommitsTwice() {
        CommitRead byB = DeveloperMerge.read(commits(cloud("b-profile", "acme", T), "{r}", T.minusSeconds(10),
                commit("c2", T.minusSeconds(10), "Ann", "ann@acme.com", ANN_UUID),
                commit("c1", T.minusSeconds(40), "Ann", "ann@acme.com", ANN_UUID)));
        CommitRead byA = DeveloperMerge.read(commits(cloud("a-profile", "acme", T.minusSeconds(3600)), "{r}",
                T.minusSeconds(40), commit("c1", T.minusSeconds(40), "Ann", "ann@acme.com", ANN_UUID),
                commit("c0", T.minusSeconds(50), "Carl", "carl@acme.com", null)));

        DeveloperMerge.Merged merged = DeveloperMerge.merge(List.of(byB, byA));

        assertEquals(T.minusSeconds(10), merged.lastCommitAt());
        assertEquals(List.of("Ann", "Carl"), merged.developers().stream().map(Developer::getDisplayName).toList());
        Developer ann = merged.developers().get(0);
        assertEquals(2, ann.getCommitCount()); // the most one profile read, not 2 + 1
        assertEquals(T.minusSeconds(10), ann.getLastCommitAt());
        assertEquals("a-profile", ann.getDiscoveredBy());
        assertEquals(DeveloperMerge.Merged.NONE, DeveloperMerge.merge(List.of()));
    }

    @Test
    void anEmptyRepositoryHasNoLastCommitAndNoDevelopers() {
        CommitRead read = DeveloperMerge.read(commits(cloud("p", "acme", T), "{r}", null));
        DeveloperMerge.Merged merged = DeveloperMerge.merge(List.of(read));
        assertNull(merged.lastCommitAt());
        assertEquals(List.of(), merged.developers());
    }
}
