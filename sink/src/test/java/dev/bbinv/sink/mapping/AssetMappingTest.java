package dev.bbinv.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetClass;
import dev.bbinv.schemas.avro.AssetLabel;
import dev.bbinv.schemas.avro.AssetTag;
import dev.bbinv.schemas.avro.Developer;
import dev.bbinv.schemas.avro.Freshness;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.CloneUrl;
import dev.bbinv.schemas.avro.LanguageSource;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.schemas.avro.Visibility;
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
    void everyFieldOfARepositoryReachesItsOwnColumn() {
        // Every value differs from every other, so a field mapped to a neighbouring column shows.
        RepositoryAsset asset = RepositoryAsset.newBuilder()
                .setId("cloud:{r-1}").setName("Web App").setSlug("web-app").setFullName("acme/web-app")
                .setSource(AssetSource.newBuilder().setServiceType(ServiceType.CLOUD)
                        .setBaseUrl("https://api.bitbucket.org/2.0").setScopeKey("acme").setScopeName("Acme Ltd")
                        .setProjectKey("PRJ").setProjectName("Project X").build())
                .setBrowseUrl("https://bitbucket.org/acme/web-app")
                .setCloneUrls(List.of(new CloneUrl("https", "https://bitbucket.org/acme/web-app.git"),
                        new CloneUrl("ssh", "git@bitbucket.org:acme/web-app.git")))
                .setDefaultBranch("trunk").setVisibility(Visibility.PUBLIC).setArchived(true)
                .setDescription("the web app").setCreatedAt(Instant.parse("2020-01-02T03:04:05Z"))
                .setUpdatedAt(Instant.parse("2021-02-03T04:05:06Z"))
                .setLanguages(List.of(
                        AssetLanguage.newBuilder().setName("Python").setRaw("python3").setSource(LanguageSource.BITBUCKET)
                                .setRecognised(true).build(),
                        AssetLanguage.newBuilder().setName("cobol-ish").setRaw("COBOL-ish").setSource(LanguageSource.MANUAL)
                                .setRecognised(false).build()))
                .setAppContext(AppContext.newBuilder().setCatalogName("web").setTitle("Web").setCategory("website")
                        .setLifecycle("experimental").setOwner("group:web").setApplication("shop")
                        .setFilePath("catalog-info.yaml").setCommit("abc123").setError("spec.x is a list").build())
                .setProfiles(List.of("zeta", "alpha", "zeta")).setRemoved(true)
                .setRemovedReasons(List.of("repo-deleted", "profile-removed"))
                .setRemovedAt(Instant.parse("2022-03-04T05:06:07Z")).setFirstSeen(Instant.parse("2023-04-05T06:07:08Z"))
                .setLastSeen(Instant.parse("2024-05-06T07:08:09Z")).setVersion(42).build();

        RepositoryRecord expected = new RepositoryRecord("cloud:{r-1}", "Web App", "web-app", "acme/web-app", "CLOUD",
                "https://api.bitbucket.org/2.0", "acme", "Acme Ltd", "PRJ", "Project X",
                "https://bitbucket.org/acme/web-app",
                List.of(new RepositoryRecord.CloneUrl("https", "https://bitbucket.org/acme/web-app.git"),
                        new RepositoryRecord.CloneUrl("ssh", "git@bitbucket.org:acme/web-app.git")),
                "trunk", "PUBLIC", true, "the web app", Instant.parse("2020-01-02T03:04:05Z"),
                Instant.parse("2021-02-03T04:05:06Z"),
                List.of(new RepositoryRecord.Language("Python", "python3", "BITBUCKET", true),
                        new RepositoryRecord.Language("cobol-ish", "COBOL-ish", "MANUAL", false)),
                new RepositoryRecord.AppContext("web", "Web", "website", "experimental", "group:web", "shop",
                        "catalog-info.yaml", "abc123", "spec.x is a list"),
                List.of("alpha", "zeta"), true, List.of("repo-deleted", "profile-removed"),
                Instant.parse("2022-03-04T05:06:07Z"), Instant.parse("2023-04-05T06:07:08Z"),
                Instant.parse("2024-05-06T07:08:09Z"), 42);

        assertEquals(expected, AssetMapping.toRecord("cloud:{r-1}", asset));
    }

    @Test
    void everyAttributeOfARepositoryReachesItsOwnField() {
        // Snyk's attributes, every value distinct (the test above leaves them at their defaults)
        RepositoryAsset asset = Fixtures.repository(1, 1)
                .setLastCommitAt(Instant.parse("2026-01-02T03:04:05Z")).setFreshness(Freshness.INACTIVE)
                .setDevelopers(List.of(
                        Developer.newBuilder().setUsername("ana").setDisplayName("Ana B").setEmail("ana@example.com")
                                .setUrl("https://bitbucket.org/ana").setUserAssetId("cloud:{ana}")
                                .setDiscoveredBy("cloud-main").setCommitCount(7)
                                .setLastCommitAt(Instant.parse("2026-01-01T00:00:01Z")).build(),
                        Developer.newBuilder().setUsername(null).setDisplayName("Bo").setEmail(null).setUrl(null)
                                .setUserAssetId(null).setDiscoveredBy("dc-main").setCommitCount(2)
                                .setLastCommitAt(Instant.parse("2025-12-01T00:00:02Z")).build()))
                .setAssetClass(AssetClass.B).setClassLocked(true).setClassSource("manual")
                .setTags(List.of(new AssetTag("team", "web", "manual"), new AssetTag("tier", "gold", "policy:gold")))
                .setLabels(List.of(new AssetLabel("Inactive", "system"), new AssetLabel("pci", "policy:pci")))
                .build();

        RepositoryRecord.Attributes expected = new RepositoryRecord.Attributes(Instant.parse("2026-01-02T03:04:05Z"),
                "INACTIVE", List.of(
                        new RepositoryRecord.Developer("ana", "Ana B", "ana@example.com", "https://bitbucket.org/ana",
                                "cloud:{ana}", "cloud-main", 7, Instant.parse("2026-01-01T00:00:01Z")),
                        new RepositoryRecord.Developer(null, "Bo", null, null, null, "dc-main", 2,
                                Instant.parse("2025-12-01T00:00:02Z"))),
                "B", true, "manual",
                List.of(new RepositoryRecord.Tag("team", "web", "manual"), new RepositoryRecord.Tag("tier", "gold", "policy:gold")),
                List.of(new RepositoryRecord.Label("Inactive", "system"), new RepositoryRecord.Label("pci", "policy:pci")));

        assertEquals(expected, AssetMapping.toRecord(asset.getId(), asset).attributes());
    }

    @Test
    void everyFieldOfAUserReachesItsOwnColumn() {
        UserAsset asset = UserAsset.newBuilder().setId("cloud:{u-1}").setServiceType(ServiceType.CLOUD)
                .setBaseUrl("https://api.bitbucket.org/2.0").setAccountId("557058:abc").setUsername("jdoe")
                .setDisplayName("Jane Doe").setEmail("jane@example.com").setActive(false).setUserType("member")
                .setScopes(List.of("beta", "acme", "beta")).setProfiles(List.of("p2", "p1"))
                .setRemoved(true).setRemovedReasons(List.of("user-removed"))
                .setRemovedAt(Instant.parse("2022-03-04T05:06:07Z")).setFirstSeen(Instant.parse("2023-04-05T06:07:08Z"))
                .setLastSeen(Instant.parse("2024-05-06T07:08:09Z")).setVersion(7).build();

        UserRecord expected = new UserRecord("cloud:{u-1}", "CLOUD", "https://api.bitbucket.org/2.0", "557058:abc",
                "jdoe", "Jane Doe", "jane@example.com", false, "member", List.of("acme", "beta"),
                List.of("p1", "p2"), true, List.of("user-removed"), Instant.parse("2022-03-04T05:06:07Z"),
                Instant.parse("2023-04-05T06:07:08Z"), Instant.parse("2024-05-06T07:08:09Z"), 7);

        assertEquals(expected, AssetMapping.toRecord("cloud:{u-1}", asset));
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
