package dev.bbinv.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;
import dev.bbinv.sink.testing.Fixtures;

class AssetMappingTest {
    @Test
    void mapsEveryFieldOfARepositoryIncludingSourceLanguagesAndAppContext() {
        RepositoryAsset asset = Fixtures.cloudRepository("{ABC}", "web", 4)
                .setProfiles(List.of("b", "a", "b")).setRemovedReasons(List.of("repo-deleted")).setRemoved(true).build();

        RepositoryRecord r = AssetMapping.toRecord("cloud:abc", asset);

        assertEquals("cloud:abc", r.id());
        assertEquals("CLOUD", r.serviceType());
        assertEquals("acme", r.scopeKey());
        assertEquals("PRJ", r.projectKey());
        assertEquals("PUBLIC", r.visibility());
        assertEquals(List.of(new RepositoryRecord.Language("Python", "python", "BITBUCKET", true)), r.languages());
        assertEquals("team-a", r.appContext().owner());
        assertEquals("payments", r.appContext().application());
        assertEquals("catalog-info.yaml", r.appContext().filePath());
        assertEquals(List.of("a", "b"), r.profiles(), "profiles are a set, sorted");
        assertEquals(List.of("repo-deleted"), r.removedReasons());
        assertEquals(Fixtures.T0, r.updatedAt());
        assertEquals(4, r.version());
        assertEquals(2, r.cloneUrls().size());
    }

    @Test
    void aRepositoryWithoutCatalogFileHasNoAppContext() {
        assertNull(Fixtures.record(Fixtures.repository(1, 1).setAppContext(null).build()).appContext());
    }

    @Test
    void mapsAUserWithItsScopesAsASortedSet() {
        UserRecord u = Fixtures.record(Fixtures.user(3, 2).setScopes(List.of("z", "a")).setActive(null).build());

        assertEquals("server:https://bb.example.com:3", u.id());
        assertEquals(List.of("a", "z"), u.scopes());
        assertNull(u.active());
        assertEquals("user3@example.com", u.email());
    }

    @Test
    void rejectsAValueWhoseIdIsNotItsKeyOrARecordWithoutKey() {
        RepositoryAsset asset = Fixtures.repository(1, 1).build();

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> AssetMapping.toRecord("server:https://bb.example.com:2", asset));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AssetMapping.toRecord(null, asset));

        assertEquals("record key 'server:https://bb.example.com:2' differs from the asset id "
                + "'server:https://bb.example.com:1'", wrong.getMessage());
        assertEquals("record has no key; inventory records are keyed by asset id 'server:https://bb.example.com:1'",
                none.getMessage());
    }
}
