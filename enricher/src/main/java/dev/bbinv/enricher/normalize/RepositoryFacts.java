package dev.bbinv.enricher.normalize;

import java.time.Instant;
import java.util.List;

import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.CloneUrl;
import dev.bbinv.schemas.avro.Visibility;

/**
 * What Bitbucket says about one repository, in one shape for Cloud and Data Center: the part of an asset that comes
 * from the repository JSON alone.
 *
 * @param bitbucketLanguage Cloud's free-text {@code language}, null when empty or on DC
 */
public record RepositoryFacts(
        String assetId,
        String name,
        String slug,
        String fullName,
        AssetSource source,
        String browseUrl,
        List<CloneUrl> cloneUrls,
        String defaultBranch,
        Visibility visibility,
        boolean archived,
        String description,
        Instant createdAt,
        Instant updatedAt,
        String bitbucketLanguage) {

    public RepositoryFacts {
        cloneUrls = List.copyOf(cloneUrls);
    }
}
