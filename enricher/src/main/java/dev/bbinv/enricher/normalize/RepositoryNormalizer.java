package dev.bbinv.enricher.normalize;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.AssetSource;
import dev.bbinv.schemas.avro.CloneUrl;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.ServiceType;
import dev.bbinv.schemas.avro.Visibility;

/**
 * Turns the verbatim repository JSON of a raw event into {@link RepositoryFacts}: Cloud {@code repository} objects
 * (REST 2.0) and Data Center {@code RestRepository} objects (REST 1.0). Pure; a JSON that is not a repository of the
 * envelope's dialect is an {@link InvalidRawEventException} with the reason.
 */
public final class RepositoryNormalizer {

    private RepositoryNormalizer() {}

    public static RepositoryFacts normalize(RawEnvelope envelope, String json) {
        JsonNode repo = Json.object(json, "repository");
        return envelope.getServiceType() == ServiceType.CLOUD ? cloud(envelope, repo) : server(envelope, repo);
    }

    static RepositoryFacts cloud(RawEnvelope envelope, JsonNode repo) {
        requireType(repo, "repository");
        String uuid = Json.blankToNull(Json.text(repo, "uuid"));
        if (uuid == null) {
            throw new InvalidRawEventException("Cloud repository JSON has no uuid");
        }
        String fullName = Json.blankToNull(Json.text(repo, "full_name"));
        String slug = Json.blankToNull(Json.text(repo, "slug"));
        if (slug == null && fullName != null && fullName.contains("/")) {
            slug = fullName.substring(fullName.indexOf('/') + 1);
        }
        String name = firstNonBlank(Json.text(repo, "name"), slug, fullName);
        if (name == null) {
            throw new InvalidRawEventException("Cloud repository " + uuid + " has no name, slug or full_name");
        }
        String workspace = firstNonBlank(Json.text(repo, "workspace", "slug"),
                fullName != null && fullName.contains("/") ? fullName.substring(0, fullName.indexOf('/')) : null,
                envelope.getScope());
        AssetSource source = AssetSource.newBuilder()
                .setServiceType(ServiceType.CLOUD)
                .setBaseUrl(envelope.getBaseUrl())
                .setScopeKey(workspace)
                .setScopeName(Json.blankToNull(Json.text(repo, "workspace", "name")))
                .setProjectKey(Json.blankToNull(Json.text(repo, "project", "key")))
                .setProjectName(Json.blankToNull(Json.text(repo, "project", "name")))
                .build();
        // Bitbucket leaves is_private out of some partial responses; assume the safer value.
        Boolean isPrivate = Json.bool(repo, "is_private");
        return new RepositoryFacts(
                AssetIds.cloud(uuid),
                name,
                slug,
                fullName,
                source,
                Json.blankToNull(Json.text(repo, "links", "html", "href")),
                cloneUrls(Json.at(repo, "links", "clone")),
                Json.blankToNull(Json.text(repo, "mainbranch", "name")),
                Boolean.FALSE.equals(isPrivate) ? Visibility.PUBLIC : Visibility.PRIVATE,
                false,
                Json.blankToNull(Json.text(repo, "description")),
                Json.instant(repo, "created_on"),
                Json.instant(repo, "updated_on"),
                Json.blankToNull(Json.text(repo, "language")));
    }

    static RepositoryFacts server(RawEnvelope envelope, JsonNode repo) {
        Long id = Json.integer(repo, "id");
        if (id == null) {
            throw new InvalidRawEventException("Data Center repository JSON has no numeric id");
        }
        JsonNode project = Json.at(repo, "project");
        if (project == null || !project.isObject()) {
            throw new InvalidRawEventException("Data Center repository " + id + " has no project");
        }
        String slug = Json.blankToNull(Json.text(repo, "slug"));
        String name = firstNonBlank(Json.text(repo, "name"), slug);
        if (name == null) {
            throw new InvalidRawEventException("Data Center repository " + id + " has no name or slug");
        }
        String projectKey = firstNonBlank(Json.text(repo, "project", "key"), envelope.getScope());
        String projectName = Json.blankToNull(Json.text(repo, "project", "name"));
        AssetSource source = AssetSource.newBuilder()
                .setServiceType(ServiceType.SERVER)
                .setBaseUrl(envelope.getBaseUrl())
                .setScopeKey(projectKey)
                .setScopeName(projectName)
                .setProjectKey(projectKey)
                .setProjectName(projectName)
                .build();
        // A repository in a public project is readable anonymously even when its own flag is false.
        boolean isPublic = Boolean.TRUE.equals(Json.bool(repo, "public"))
                || Boolean.TRUE.equals(Json.bool(repo, "project", "public"));
        JsonNode self = Json.at(repo, "links", "self");
        String browseUrl = self != null && self.isArray() && self.size() > 0 ? Json.text(self.get(0), "href") : null;
        return new RepositoryFacts(
                AssetIds.server(envelope.getBaseUrl(), id),
                name,
                slug,
                slug == null ? null : projectKey + "/" + slug,
                source,
                Json.blankToNull(browseUrl),
                cloneUrls(Json.at(repo, "links", "clone")),
                Json.blankToNull(Json.text(repo, "defaultBranch")),
                isPublic ? Visibility.PUBLIC : Visibility.PRIVATE,
                Boolean.TRUE.equals(Json.bool(repo, "archived")),
                Json.blankToNull(Json.text(repo, "description")),
                null,
                null,
                null);
    }

    /** Cloud and DC both give clone links as a list of {href, name}; entries without both are skipped. */
    static List<CloneUrl> cloneUrls(JsonNode clone) {
        List<CloneUrl> out = new ArrayList<>();
        if (clone == null || !clone.isArray()) {
            return out;
        }
        for (JsonNode link : clone) {
            String href = Json.blankToNull(Json.text(link, "href"));
            String name = Json.blankToNull(Json.text(link, "name"));
            if (href != null && name != null) {
                out.add(new CloneUrl(name, href));
            }
        }
        return out;
    }

    static void requireType(JsonNode node, String expected) {
        String type = Json.text(node, "type");
        if (type != null && !type.equals(expected)) {
            throw new InvalidRawEventException("JSON is a '" + type + "', not a '" + expected + "'");
        }
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
