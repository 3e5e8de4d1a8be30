package dev.bbinv.sink.testing;

import java.time.Instant;
import java.util.List;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.AppContext;
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

/** Small builders of inventory assets for the sink's tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123Z");

    /** A DC repository {@code server:https://bb.example.com:<n>} with one language and a catalog file. */
    public static RepositoryAsset.Builder repository(int n, long version) {
        String id = AssetIds.server("https://bb.example.com", n);
        return RepositoryAsset.newBuilder()
                .setId(id)
                .setName("repo-" + n)
                .setSlug("repo-" + n)
                .setFullName("PROJ/repo-" + n)
                .setSource(AssetSource.newBuilder().setServiceType(ServiceType.SERVER)
                        .setBaseUrl("https://bb.example.com").setScopeKey("PROJ").setScopeName("Project")
                        .setProjectKey("PROJ").setProjectName("Project").build())
                .setBrowseUrl("https://bb.example.com/projects/PROJ/repos/repo-" + n + "/browse")
                .setCloneUrls(List.of(new CloneUrl("https", "https://bb.example.com/scm/proj/repo-" + n + ".git"),
                        new CloneUrl("ssh", "ssh://git@bb.example.com:7999/proj/repo-" + n + ".git")))
                .setDefaultBranch("main")
                .setVisibility(Visibility.PRIVATE)
                .setArchived(false)
                .setDescription("repository number " + n)
                .setCreatedAt(null)
                .setUpdatedAt(null)
                .setLanguages(List.of(language("Java", "java", LanguageSource.MANUAL)))
                .setAppContext(appContext("team-a", "payments", "production", "service"))
                .setProfiles(List.of("dc-main"))
                .setRemoved(false)
                .setRemovedReasons(List.of())
                .setRemovedAt(null)
                .setFirstSeen(T0)
                .setLastSeen(T0.plusSeconds(version))
                .setVersion(version);
    }

    /** A Cloud repository keyed by a uuid. */
    public static RepositoryAsset.Builder cloudRepository(String uuid, String name, long version) {
        return repository(0, version)
                .setId(AssetIds.cloud(uuid))
                .setName(name)
                .setSlug(name)
                .setFullName("acme/" + name)
                .setSource(AssetSource.newBuilder().setServiceType(ServiceType.CLOUD)
                        .setBaseUrl("https://api.bitbucket.org/2.0").setScopeKey("acme").setScopeName("Acme")
                        .setProjectKey("PRJ").setProjectName("Project").build())
                .setVisibility(Visibility.PUBLIC)
                .setCreatedAt(T0.minusSeconds(86_400))
                .setUpdatedAt(T0)
                .setProfiles(List.of("cloud-acme"))
                .setLanguages(List.of(language("Python", "python", LanguageSource.BITBUCKET)));
    }

    public static AssetLanguage language(String name, String raw, LanguageSource source) {
        return AssetLanguage.newBuilder().setName(name).setRaw(raw).setSource(source).setRecognised(true).build();
    }

    public static AppContext appContext(String owner, String application, String lifecycle, String category) {
        return AppContext.newBuilder().setCatalogName("catalog").setTitle("Title").setOwner(owner)
                .setApplication(application).setLifecycle(lifecycle).setCategory(category)
                .setFilePath("catalog-info.yaml").setCommit("0123456789abcdef0123456789abcdef01234567").setError(null)
                .build();
    }

    public static UserAsset.Builder user(int n, long version) {
        return UserAsset.newBuilder()
                .setId(AssetIds.server("https://bb.example.com", n))
                .setServiceType(ServiceType.SERVER)
                .setBaseUrl("https://bb.example.com")
                .setAccountId(null)
                .setUsername("user" + n)
                .setDisplayName("User " + n)
                .setEmail("user" + n + "@example.com")
                .setActive(true)
                .setUserType("NORMAL")
                .setScopes(List.of())
                .setProfiles(List.of("dc-main"))
                .setRemoved(false)
                .setRemovedReasons(List.of())
                .setRemovedAt(null)
                .setFirstSeen(T0)
                .setLastSeen(T0.plusSeconds(version))
                .setVersion(version);
    }

    /**
     * The row a sink must store for {@code asset}, written out here field by field rather than computed by
     * {@code AssetMapping}, so a test comparing a stored row with it checks the mapping too.
     */
    public static RepositoryRecord record(RepositoryAsset a) {
        AssetSource s = a.getSource();
        AppContext c = a.getAppContext();
        return new RepositoryRecord(a.getId(), a.getName(), a.getSlug(), a.getFullName(),
                s.getServiceType() == ServiceType.CLOUD ? "CLOUD" : "SERVER", s.getBaseUrl(), s.getScopeKey(),
                s.getScopeName(), s.getProjectKey(), s.getProjectName(), a.getBrowseUrl(),
                a.getCloneUrls().stream().map(u -> new RepositoryRecord.CloneUrl(u.getName(), u.getHref())).toList(),
                a.getDefaultBranch(), a.getVisibility().toString(), a.getArchived(), a.getDescription(),
                a.getCreatedAt(), a.getUpdatedAt(),
                a.getLanguages().stream().map(l -> new RepositoryRecord.Language(l.getName(), l.getRaw(),
                        l.getSource().toString(), l.getRecognised())).toList(),
                c == null ? null : new RepositoryRecord.AppContext(c.getCatalogName(), c.getTitle(), c.getCategory(),
                        c.getLifecycle(), c.getOwner(), c.getApplication(), c.getFilePath(), c.getCommit(),
                        c.getError()),
                a.getProfiles().stream().distinct().sorted().toList(), a.getRemoved(), a.getRemovedReasons(),
                a.getRemovedAt(), a.getFirstSeen(), a.getLastSeen(), a.getVersion(),
                new RepositoryRecord.Attributes(a.getLastCommitAt(), a.getFreshness().toString(),
                        a.getDevelopers().stream().map(d -> new RepositoryRecord.Developer(d.getUsername(),
                                d.getDisplayName(), d.getEmail(), d.getUrl(), d.getUserAssetId(), d.getDiscoveredBy(),
                                d.getCommitCount(), d.getLastCommitAt())).toList(),
                        a.getAssetClass().toString(), a.getClassLocked(), a.getClassSource(),
                        a.getTags().stream().map(t -> new RepositoryRecord.Tag(t.getKey(), t.getValue(),
                                t.getSource())).toList(),
                        a.getLabels().stream().map(l -> new RepositoryRecord.Label(l.getName(), l.getSource())).toList()));
    }

    /** The row a sink must store for {@code u}, written out independently of {@code AssetMapping}. */
    public static UserRecord record(UserAsset u) {
        return new UserRecord(u.getId(), u.getServiceType() == ServiceType.CLOUD ? "CLOUD" : "SERVER",
                u.getBaseUrl(), u.getAccountId(), u.getUsername(), u.getDisplayName(), u.getEmail(), u.getActive(),
                u.getUserType(), u.getScopes().stream().distinct().sorted().toList(),
                u.getProfiles().stream().distinct().sorted().toList(), u.getRemoved(), u.getRemovedReasons(),
                u.getRemovedAt(), u.getFirstSeen(), u.getLastSeen(), u.getVersion());
    }

    private Fixtures() {}
}
