package dev.bbinv.enricher.normalize;

import static dev.bbinv.enricher.Fixtures.T0;
import static dev.bbinv.enricher.Fixtures.cloud;
import static dev.bbinv.enricher.Fixtures.resource;
import static dev.bbinv.enricher.Fixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bbinv.enricher.Fixtures;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.CloneUrl;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.Visibility;

class RepositoryNormalizerTest {

    @Test
    void normalisesACloudRepository() {
        RepositoryFacts facts = RepositoryNormalizer.normalize(cloud("cloud-acme", "bitbucket", T0),
                resource("cloud/repository-geordi.json"));
        assertEquals(new RepositoryFacts(
                Fixtures.GEORDI_ID,
                "geordi",
                "geordi",
                "bitbucket/geordi",
                new AssetSource(ServiceType.CLOUD, Fixtures.CLOUD_BASE, "bitbucket", "Bitbucket", "TOOLS",
                        "Developer tools"),
                "https://bitbucket.org/bitbucket/geordi",
                List.of(new CloneUrl("https", "https://bitbucket.org/bitbucket/geordi.git"),
                        new CloneUrl("ssh", "git@bitbucket.org:bitbucket/geordi.git")),
                "main",
                Visibility.PUBLIC,
                false,
                "Geordi is a Python-based profiler.",
                Instant.parse("2011-12-20T16:35:06.480042Z"),
                Instant.parse("2012-07-16T19:37:54.123456Z"),
                "python"), facts);
    }

    @Test
    void missingCloudFieldsAreNullAndNeverThrow() {
        RepositoryFacts facts = RepositoryNormalizer.normalize(cloud("p", "bitbucket", T0),
                resource("cloud/repository-minimal.json"));
        assertEquals("geordi", facts.slug()); // from full_name
        assertNull(facts.browseUrl());
        assertEquals(List.of(), facts.cloneUrls()); // the clone link without href is skipped
        assertNull(facts.defaultBranch());
        assertNull(facts.description());
        assertNull(facts.createdAt());
        assertNull(facts.bitbucketLanguage()); // "" means none
        assertNull(facts.source().getProjectKey());
        assertEquals("bitbucket", facts.source().getScopeKey());
        assertEquals(Visibility.PRIVATE, facts.visibility()); // is_private missing: the safer value
    }

    @Test
    void unparseableTimestampsAreNull() {
        RepositoryFacts facts = RepositoryNormalizer.normalize(cloud("p", "w", T0),
                "{\"uuid\": \"{1}\", \"name\": \"n\", \"created_on\": \"yesterday\", \"updated_on\": 12}");
        assertNull(facts.createdAt());
        assertNull(facts.updatedAt());
    }

    @Test
    void normalisesADataCenterRepository() {
        RepositoryFacts facts = RepositoryNormalizer.normalize(server("dc-acme", "PRJ", T0),
                resource("server/repository-my-repo.json"));
        assertEquals(new RepositoryFacts(
                Fixtures.MY_REPO_ID,
                "My repo",
                "my-repo",
                "PRJ/my-repo",
                new AssetSource(ServiceType.SERVER, Fixtures.DC_BASE, "PRJ", "My Cool Project", "PRJ",
                        "My Cool Project"),
                "https://bitbucket.acme.com/projects/PRJ/repos/my-repo/browse",
                List.of(new CloneUrl("ssh", "ssh://git@bitbucket.acme.com:7999/prj/my-repo.git"),
                        new CloneUrl("http", "https://bitbucket.acme.com/scm/prj/my-repo.git")),
                "main",
                Visibility.PRIVATE,
                false,
                "My repo description",
                null,
                null,
                null), facts);
    }

    @Test
    void aDataCenterRepositoryInAPublicProjectIsPublicAndArchivedIsKept() {
        RepositoryFacts facts = RepositoryNormalizer.normalize(server("dc-acme", "OPEN", T0),
                resource("server/repository-archived-public-project.json"));
        assertEquals(Visibility.PUBLIC, facts.visibility());
        assertTrue(facts.archived());
        assertNull(facts.defaultBranch());
        assertEquals(List.of(), facts.cloneUrls());
        assertEquals("server:https://bitbucket.acme.com:7", facts.assetId());
    }

    @Test
    void jsonThatIsNotARepositoryIsRejectedWithAReason() {
        assertEquals("JSON is a 'user', not a 'repository'", assertThrows(InvalidRawEventException.class,
                () -> RepositoryNormalizer.normalize(cloud("p", "w", T0), resource("cloud/user-brodie.json")))
                .getMessage());
        assertEquals("Data Center repository 101 has no project", assertThrows(InvalidRawEventException.class,
                () -> RepositoryNormalizer.normalize(server("p", "PRJ", T0), resource("server/user-jcitizen.json")))
                .getMessage());
        assertEquals("Cloud repository JSON has no uuid", assertThrows(InvalidRawEventException.class,
                () -> RepositoryNormalizer.normalize(cloud("p", "w", T0), "{\"name\": \"x\"}")).getMessage());
        assertEquals("repository JSON is not an object but array", assertThrows(InvalidRawEventException.class,
                () -> RepositoryNormalizer.normalize(cloud("p", "w", T0), "[1, 2]")).getMessage());
        String notJson = assertThrows(InvalidRawEventException.class,
                () -> RepositoryNormalizer.normalize(cloud("p", "w", T0), "{\"uuid\": ")).getMessage();
        assertTrue(notJson.startsWith("repository JSON does not parse"), notJson);
        assertEquals("repository event has no JSON body", assertThrows(InvalidRawEventException.class,
                () -> RepositoryNormalizer.normalize(cloud("p", "w", T0), null)).getMessage());
    }

    @Test
    void normalisesCloudAndDataCenterUsers() {
        UserFacts brodie = UserNormalizer.normalize(cloud("p", "bitbucket", T0), resource("cloud/user-brodie.json"));
        assertEquals(new UserFacts("cloud:9484702e-c663-4afd-aefb-c93a8cd31c28", ServiceType.CLOUD,
                Fixtures.CLOUD_BASE, "557058:3aae1e05-702a-41e5-81c8-f36f29afb6ca", "brodie", "Brodie Rao", null,
                true, null), brodie);

        UserFacts member = UserNormalizer.normalize(cloud("p", "bitbucket", T0),
                resource("cloud/workspace-membership.json"));
        assertEquals("evzijst", member.username());
        assertEquals("erik@example.com", member.email());
        assertNull(member.active()); // account_status not given

        UserFacts jane = UserNormalizer.normalize(server("p", "*", T0), resource("server/user-jcitizen.json"));
        assertEquals(new UserFacts("server:https://bitbucket.acme.com:101", ServiceType.SERVER, Fixtures.DC_BASE,
                null, "jcitizen", "Jane Citizen", "jane@example.com", true, "NORMAL"), jane);

        UserFacts bot = UserNormalizer.normalize(server("p", "*", T0), resource("server/detailed-user-service.json"));
        assertEquals("SERVICE", bot.userType());
        assertFalse(bot.active());
    }

    @Test
    void jsonThatIsNotAUserIsRejectedWithAReason() {
        assertEquals("JSON is a 'repository', not a Cloud user account", assertThrows(InvalidRawEventException.class,
                () -> UserNormalizer.normalize(cloud("p", "w", T0), resource("cloud/repository-geordi.json")))
                .getMessage());
        assertEquals("JSON is a Data Center repository, not a user", assertThrows(InvalidRawEventException.class,
                () -> UserNormalizer.normalize(server("p", "*", T0), resource("server/repository-my-repo.json")))
                .getMessage());
    }
}
