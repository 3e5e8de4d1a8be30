package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;

class ForbiddenReasonTest {

    @Test
    void namesTheScopeAndThePermissionItsListingNeeds() {
        Profile cloud = Profile.cloud("c", URI.create("https://api.bitbucket.org/2.0"),
                Credentials.basic("a@b.c", Secret.of("t")), List.of("acme"));
        Profile dc = Profile.server("d", URI.create("https://bb.example.com"),
                Credentials.basic("svc", Secret.of("t")), List.of("PLAT"));
        assertEquals("repositories of workspace 'acme' refused to this credential (403): it lacks"
                + " read:repository:bitbucket there; GET x answered 403", ListingFailures.forbiddenReason(cloud,
                        new ScopeKey("c", ScopeKey.Entity.REPOSITORIES, "acme"), "GET x answered 403"));
        assertEquals("repositories of project 'PLAT' refused to this credential (403): it lacks PROJECT_READ on the"
                + " project there; m", ListingFailures.forbiddenReason(dc,
                        new ScopeKey("d", ScopeKey.Entity.REPOSITORIES, "PLAT"), "m"));
    }

    @Test
    void dataCenterUsersAreRefusedOnTheInstanceNotOnAProject() {
        Profile dc = Profile.server("d", URI.create("https://bb.example.com"),
                Credentials.basic("svc", Secret.of("t")), List.of());
        assertEquals("users of https://bb.example.com refused to this credential (403): it lacks LICENSED_USER"
                + " there; m", ListingFailures.forbiddenReason(dc, new ScopeKey("d", ScopeKey.Entity.USERS, "*"), "m"));
    }
}
