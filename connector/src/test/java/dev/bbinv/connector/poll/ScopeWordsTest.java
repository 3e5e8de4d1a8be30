package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.ServiceKind;
import dev.bbinv.connector.dialect.Dialect;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class ScopeWordsTest {
    private static final String DC = "https://bb.example.com";
    private static final String CLOUD = "https://api.bitbucket.org/2.0";

    @Test
    void cloudScopesAreWorkspacesForRepositoriesAndUsersAlike() {
        assertEquals("repositories of workspace 'acme'", Dialect.of(ServiceKind.CLOUD).listing(CLOUD,
                Entity.REPOSITORIES, "acme"));
        assertEquals("users of workspace 'acme'", Dialect.of(ServiceKind.CLOUD).listing(CLOUD, Entity.USERS, "acme"));
    }

    @Test
    void dataCenterRepositoriesBelongToProjectsAndUsersToTheInstance() {
        assertEquals("repositories of project 'PAY'", Dialect.of(ServiceKind.SERVER).listing(DC,
                Entity.REPOSITORIES, "PAY"));
        assertEquals("repositories of personal project '~ANN'", Dialect.of(ServiceKind.SERVER).listing(DC,
                Entity.REPOSITORIES, "~ANN"));
        assertEquals("users of https://bb.example.com", Dialect.of(ServiceKind.SERVER).listing(DC, Entity.USERS, "*"));
        assertEquals("instance https://bb.example.com", Dialect.of(ServiceKind.SERVER).scope(DC, Entity.USERS, "*"));
    }

    @Test
    void withoutTheProfileTheInstanceUsersAreStillNoScopeNamedStar() {
        assertEquals("users of the instance", ScopeWords.listing(new ScopeKey("d", Entity.USERS, "*")));
        assertEquals("repositories in scope PAY", ScopeWords.listing(new ScopeKey("d", Entity.REPOSITORIES, "PAY")));
        assertEquals("users in scope acme", ScopeWords.listing(new ScopeKey("c", Entity.USERS, "acme")));
    }

    @Test
    void aSummaryLineNamesTheInstanceUsersAsSuch() {
        assertEquals("users of the instance", ScopeWords.brief(new ScopeKey("d", Entity.USERS, "*")));
        assertEquals("repositories in PAY", ScopeWords.brief(new ScopeKey("d", Entity.REPOSITORIES, "PAY")));
    }

    @Test
    void aLastErrorIsLabelledByItsScopeAndTheInstanceUsersAsSuch() {
        assertEquals("acme (repositories)", ScopeWords.label(new ScopeKey("c", Entity.REPOSITORIES, "acme")));
        assertEquals("users of the instance", ScopeWords.label(new ScopeKey("d", Entity.USERS, "*")));
    }
}
