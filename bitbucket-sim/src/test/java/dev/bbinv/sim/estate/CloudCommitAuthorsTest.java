package dev.bbinv.sim.estate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Commit authors are made once per member list, not per commit request (25,000 members a workspace at 1M). */
class CloudCommitAuthorsTest {
    @Test
    void authorsAreMadeOncePerMemberListAndFollowItsChanges() {
        CloudEstate cloud = EstateGenerator.generate(EstateSpec.builder().seed(5).cloudWorkspaces(1).cloudRepos(20)
                .cloudMembersPerWorkspace(3000).build(), Clock.systemUTC()).cloud();
        CloudWorkspace acme = cloud.workspace("acme");
        List<CommitHistories.Author> first = cloud.authors(acme);
        assertEquals(3000, first.size());
        assertSame(first, cloud.authors(acme), "the same member list: the same authors");
        CloudRepo repo = cloud.repositories("acme").get(0);
        assertEquals(cloud.commits(repo), cloud.commits(repo), "histories stay deterministic");

        CloudUser added = cloud.addMember("acme", "New Person", "newp", "new.person@example.com");
        List<CommitHistories.Author> after = cloud.authors(acme);
        assertNotSame(first, after);
        assertEquals(3001, after.size());
        assertTrue(after.stream().anyMatch(a -> a.user() == added), "a member added is an author from then on");
    }
}
