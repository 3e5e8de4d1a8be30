package dev.bbinv.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.connector.config.Credentials;
import dev.bbinv.connector.config.Profile;
import dev.bbinv.connector.config.Secret;

class RunningProfilesTest {
    private static Profile cloud(String name, String token, List<String> scopes) {
        return Profile.cloud(name, URI.create("https://api.bitbucket.org/2.0"),
                Credentials.basic("a@example.com", Secret.of(token)), scopes);
    }

    @Test
    void tellsAddedChangedAndRemovedProfilesApart() {
        List<Profile> now = List.of(cloud("same", "t", List.of()), cloud("token", "t", List.of()),
                cloud("scopes", "t", List.of("a")), cloud("gone", "t", List.of()));
        List<Profile> next = List.of(cloud("new", "t", List.of()), cloud("same", "t", List.of()),
                cloud("token", "t2", List.of()), cloud("scopes", "t", List.of("a", "b")));

        RunningProfiles.Change change = RunningProfiles.diff(now, next);

        assertEquals(List.of("new"), change.added());
        assertEquals(List.of("token", "scopes"), change.changed());
        assertEquals(List.of("gone"), change.removed());
    }
}
