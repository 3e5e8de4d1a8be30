package dev.bbinv.enricher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.bbinv.schemas.avro.CatalogFileStatus;
import dev.bbinv.schemas.avro.LanguageTagEvent;
import dev.bbinv.schemas.avro.RawCatalogFileEvent;
import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawCommitSummary;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.RawEventKind;
import dev.bbinv.schemas.avro.RawRepositoryEvent;
import dev.bbinv.schemas.avro.RawUserEvent;
import dev.bbinv.schemas.avro.ServiceType;

/** Raw events and recorded Bitbucket JSON for the enricher's tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    public static final String CLOUD_BASE = "https://api.bitbucket.org/2.0";
    public static final String DC_BASE = "https://bitbucket.acme.com";
    public static final String GEORDI_UUID = "{85d08b4e-571d-44e9-a507-fa476535aa98}";
    public static final String GEORDI_ID = "cloud:85d08b4e-571d-44e9-a507-fa476535aa98";
    public static final String MY_REPO_ID = "server:https://bitbucket.acme.com:42";

    private Fixtures() {}

    /** A file under src/test/resources/fixtures/. */
    public static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RawEnvelope cloud(String profile, String workspace, Instant fetchedAt) {
        return envelope(profile, ServiceType.CLOUD, CLOUD_BASE, workspace, fetchedAt);
    }

    public static RawEnvelope server(String profile, String project, Instant fetchedAt) {
        return envelope(profile, ServiceType.SERVER, DC_BASE, project, fetchedAt);
    }

    public static RawEnvelope envelope(String profile, ServiceType type, String base, String scope, Instant fetchedAt) {
        return RawEnvelope.newBuilder()
                .setProfile(profile)
                .setServiceType(type)
                .setBaseUrl(base)
                .setScope(scope)
                .setScanId("scan-" + fetchedAt.toEpochMilli())
                .setFetchedAt(fetchedAt)
                .build();
    }

    public static RawRepositoryEvent seen(RawEnvelope envelope, String sourceId, String json) {
        return RawRepositoryEvent.newBuilder().setEnvelope(envelope).setSourceId(sourceId)
                .setKind(RawEventKind.UPSERT).setJson(json).build();
    }

    public static RawRepositoryEvent removed(RawEnvelope envelope, String sourceId, String reason) {
        return RawRepositoryEvent.newBuilder().setEnvelope(envelope).setSourceId(sourceId)
                .setKind(RawEventKind.REMOVED).setRemovalReason(reason).build();
    }

    public static RawUserEvent userSeen(RawEnvelope envelope, String sourceId, String json) {
        return RawUserEvent.newBuilder().setEnvelope(envelope).setSourceId(sourceId)
                .setKind(RawEventKind.UPSERT).setJson(json).build();
    }

    public static RawUserEvent userRemoved(RawEnvelope envelope, String sourceId, String reason) {
        return RawUserEvent.newBuilder().setEnvelope(envelope).setSourceId(sourceId)
                .setKind(RawEventKind.REMOVED).setRemovalReason(reason).build();
    }

    public static RawCatalogFileEvent catalog(RawEnvelope envelope, String repoSourceId, String content,
            Map<String, String> overrides) {
        return RawCatalogFileEvent.newBuilder().setEnvelope(envelope).setRepositorySourceId(repoSourceId)
                .setPath("catalog-info.yaml").setStatus(CatalogFileStatus.FOUND).setContent(content)
                .setCommit("eefd5ef5d3df01aed629f650959d6706d54cd335")
                .setSizeBytes((long) content.getBytes(StandardCharsets.UTF_8).length)
                .setAttributeKeys(overrides).build();
    }

    public static RawCatalogFileEvent catalogStatus(RawEnvelope envelope, String repoSourceId, CatalogFileStatus status) {
        return RawCatalogFileEvent.newBuilder().setEnvelope(envelope).setRepositorySourceId(repoSourceId)
                .setPath("catalog-info.yaml").setStatus(status).setCommit(null)
                .setSizeBytes(status == CatalogFileStatus.TOO_LARGE ? 5_000_000L : null).build();
    }

    public static LanguageTagEvent tags(String repositoryId, List<String> languages, Instant at) {
        return LanguageTagEvent.newBuilder().setRepositoryId(repositoryId).setLanguages(languages).setSetAt(at)
                .setSetBy("test").build();
    }

    /** One profile's commit read of a repository; {@code lastCommitAt} null for an empty repository. */
    public static RawCommitActivityEvent commits(RawEnvelope envelope, String repoSourceId, Instant lastCommitAt,
            RawCommitSummary... commits) {
        return RawCommitActivityEvent.newBuilder().setEnvelope(envelope).setRepositorySourceId(repoSourceId)
                .setBranch(lastCommitAt == null ? null : "main").setWindowDays(90).setLastCommitAt(lastCommitAt)
                .setLastCommitHash(commits.length == 0 ? null : commits[0].getHash()).setCommits(List.of(commits))
                .setWindowComplete(true).build();
    }

    /** A commit by {@code name <email>}, linked to the Bitbucket user {@code userId} (null: none). */
    public static RawCommitSummary commit(String hash, Instant at, String name, String email, String userId) {
        return RawCommitSummary.newBuilder().setHash(hash).setCommittedAt(at)
                .setAuthorRaw(name + " <" + email + ">").setAuthorName(name).setAuthorEmail(email)
                .setAuthorUserId(userId).setAuthorUsername(userId == null ? null : name)
                .setAuthorDisplayName(null).setAuthorUrl(null).build();
    }

    /** A realistic Cloud repository JSON with the given identity and name. */
    public static String cloudRepository(String uuid, String workspace, String slug, String name, String language) {
        return """
                {"type": "repository", "uuid": "%s", "full_name": "%s/%s", "name": "%s", "slug": "%s",
                 "is_private": true, "scm": "git", "language": "%s", "description": "",
                 "created_on": "2026-01-02T03:04:05.000000+00:00", "updated_on": "2026-10-02T03:04:05.123456+00:00",
                 "mainbranch": {"type": "branch", "name": "main"},
                 "project": {"type": "project", "key": "PLAT", "name": "Platform"},
                 "workspace": {"type": "workspace", "slug": "%s", "name": "%s"},
                 "links": {"html": {"href": "https://bitbucket.org/%s/%s"},
                           "clone": [{"href": "https://bitbucket.org/%s/%s.git", "name": "https"}]}}
                """.formatted(uuid, workspace, slug, name, slug, language, workspace, workspace, workspace, slug,
                workspace, slug);
    }
}
