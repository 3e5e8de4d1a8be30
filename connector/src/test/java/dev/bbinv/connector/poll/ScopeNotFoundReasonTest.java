package dev.bbinv.connector.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;
import dev.bbinv.connector.poll.ScopeKey.Entity;

class ScopeNotFoundReasonTest {
    private static final Credentials BASIC = Credentials.basic("svc", Secret.of("pw"));

    @Test
    void aMissingCloudScopeIsNamedAsAWorkspace() {
        Profile cloud = Profile.cloud("c", URI.create("https://api.bitbucket.org/2.0"),
                Credentials.basic("ops@acme.com", Secret.of("tok")), List.of("ghost"));
        assertEquals("workspace 'ghost' not found or not visible to this credential",
                ListingFailures.notFoundReason(cloud, new ScopeKey("c", Entity.REPOSITORIES, "ghost")));
    }

    @Test
    void aMissingDataCenterScopeIsNamedAsAProject() {
        Profile server = Profile.server("d", URI.create("https://bitbucket.acme.com"), BASIC, List.of("GHOST"));
        assertEquals("project 'GHOST' not found or not visible to this credential",
                ListingFailures.notFoundReason(server, new ScopeKey("d", Entity.REPOSITORIES, "GHOST")));
    }

    @Test
    void missingDataCenterUsersAreNamedAsTheInstanceUsersNotAProject() {
        Profile server = Profile.server("d", URI.create("https://bitbucket.acme.com/"), BASIC, List.of());
        assertEquals("users of https://bitbucket.acme.com cannot be listed: neither /rest/api/1.0/admin/users nor"
                + " /rest/api/1.0/users is served there; is https://bitbucket.acme.com the Data Center base URL?",
                ListingFailures.notFoundReason(server, new ScopeKey("d", Entity.USERS, "*")));
    }
}
