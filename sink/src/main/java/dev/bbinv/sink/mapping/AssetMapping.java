package dev.bbinv.sink.mapping;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import dev.bbinv.schemas.avro.AppContext;
import dev.bbinv.schemas.avro.AssetLanguage;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.RepositoryAsset;
import dev.bbinv.schemas.avro.UserAsset;
import dev.bbinv.sink.db.RepositoryRecord;
import dev.bbinv.sink.db.UserRecord;

/** Pure: turns the Avro assets of the inventory topics into the rows the database stores. No I/O. */
public final class AssetMapping {

    /**
     * The repository as rows. {@code key} is the Kafka record key; a value whose id differs from its key is
     * rejected, because compaction and ordering work on the key and the database on the id.
     */
    public static RepositoryRecord toRecord(String key, RepositoryAsset a) {
        requireMatchingKey(key, a.getId());
        AssetSource s = Objects.requireNonNull(a.getSource(), "source");
        AppContext ctx = a.getAppContext();
        return new RepositoryRecord(
                a.getId(), a.getName(), a.getSlug(), a.getFullName(),
                s.getServiceType().name(), s.getBaseUrl(), s.getScopeKey(), s.getScopeName(), s.getProjectKey(),
                s.getProjectName(), a.getBrowseUrl(),
                a.getCloneUrls().stream().map(u -> new RepositoryRecord.CloneUrl(u.getName(), u.getHref())).toList(),
                a.getDefaultBranch(), a.getVisibility().name(), a.getArchived(), a.getDescription(),
                a.getCreatedAt(), a.getUpdatedAt(),
                a.getLanguages().stream().map(AssetMapping::language).toList(),
                ctx == null ? null : new RepositoryRecord.AppContext(ctx.getCatalogName(), ctx.getTitle(),
                        ctx.getCategory(), ctx.getLifecycle(), ctx.getOwner(), ctx.getApplication(),
                        ctx.getFilePath(), ctx.getCommit(), ctx.getError()),
                sortedDistinct(a.getProfiles()), a.getRemoved(), a.getRemovedReasons(), a.getRemovedAt(),
                a.getFirstSeen(), a.getLastSeen(), a.getVersion(), attributes(a));
    }

    private static RepositoryRecord.Attributes attributes(RepositoryAsset a) {
        return new RepositoryRecord.Attributes(a.getLastCommitAt(), a.getFreshness().name(),
                a.getDevelopers().stream().map(d -> new RepositoryRecord.Developer(d.getUsername(), d.getDisplayName(),
                        d.getEmail(), d.getUrl(), d.getUserAssetId(), d.getDiscoveredBy(), d.getCommitCount(),
                        d.getLastCommitAt())).toList(),
                a.getAssetClass().name(), a.getClassLocked(), a.getClassSource(),
                a.getTags().stream().map(t -> new RepositoryRecord.Tag(t.getKey(), t.getValue(), t.getSource())).toList(),
                a.getLabels().stream().map(l -> new RepositoryRecord.Label(l.getName(), l.getSource())).toList());
    }

    /** The user as rows; the id must equal the key, as for repositories. */
    public static UserRecord toRecord(String key, UserAsset u) {
        requireMatchingKey(key, u.getId());
        return new UserRecord(u.getId(), u.getServiceType().name(), u.getBaseUrl(), u.getAccountId(),
                u.getUsername(), u.getDisplayName(), u.getEmail(), u.getActive(), u.getUserType(),
                sortedDistinct(u.getScopes()), sortedDistinct(u.getProfiles()), u.getRemoved(),
                u.getRemovedReasons(), u.getRemovedAt(), u.getFirstSeen(), u.getLastSeen(), u.getVersion());
    }

    private static RepositoryRecord.Language language(AssetLanguage l) {
        return new RepositoryRecord.Language(l.getName(), l.getRaw(), l.getSource().name(), l.getRecognised());
    }

    private static List<String> sortedDistinct(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private static void requireMatchingKey(String key, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("asset has no id");
        }
        if (key == null) {
            throw new IllegalArgumentException("record has no key; inventory records are keyed by asset id '" + id + "'");
        }
        if (!key.equals(id)) {
            throw new IllegalArgumentException("record key '" + key + "' differs from the asset id '" + id + "'");
        }
    }

    private AssetMapping() {}
}
