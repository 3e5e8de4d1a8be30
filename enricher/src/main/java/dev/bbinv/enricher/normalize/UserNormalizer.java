package dev.bbinv.enricher.normalize;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.schemas.AssetIds;
import dev.bbinv.schemas.avro.RawEnvelope;
import dev.bbinv.schemas.avro.ServiceType;

/**
 * Turns the verbatim user JSON of a raw event into {@link UserFacts}: a Cloud account (the {@code user} of a
 * {@code workspace_membership}) or a Data Center {@code RestApplicationUser}/{@code RestDetailedUser}. Pure.
 */
public final class UserNormalizer {

    private UserNormalizer() {}

    public static UserFacts normalize(RawEnvelope envelope, String json) {
        JsonNode user = Json.object(json, "user");
        return envelope.getServiceType() == ServiceType.CLOUD ? cloud(envelope, user) : server(envelope, user);
    }

    static UserFacts cloud(RawEnvelope envelope, JsonNode json) {
        // Tolerate the whole workspace_membership as well as its user.
        JsonNode user = "workspace_membership".equals(Json.text(json, "type")) && Json.at(json, "user") != null
                ? Json.at(json, "user") : json;
        String type = Json.text(user, "type");
        if (type != null && !type.equals("user") && !type.equals("account") && !type.equals("team")) {
            throw new InvalidRawEventException("JSON is a '" + type + "', not a Cloud user account");
        }
        String uuid = Json.blankToNull(Json.text(user, "uuid"));
        if (uuid == null) {
            throw new InvalidRawEventException("Cloud user JSON has no uuid");
        }
        String status = Json.text(user, "account_status");
        return new UserFacts(
                AssetIds.cloud(uuid),
                ServiceType.CLOUD,
                envelope.getBaseUrl(),
                Json.blankToNull(Json.text(user, "account_id")),
                Json.blankToNull(RepositoryNormalizer.firstNonBlank(Json.text(user, "nickname"), Json.text(user, "username"))),
                Json.blankToNull(Json.text(user, "display_name")),
                Json.blankToNull(Json.text(user, "email")),
                status == null ? null : "active".equalsIgnoreCase(status),
                null);
    }

    static UserFacts server(RawEnvelope envelope, JsonNode user) {
        Long id = Json.integer(user, "id");
        if (id == null) {
            throw new InvalidRawEventException("Data Center user JSON has no numeric id");
        }
        if (Json.at(user, "project") != null || Json.at(user, "scmId") != null) {
            throw new InvalidRawEventException("JSON is a Data Center repository, not a user");
        }
        String name = Json.blankToNull(Json.text(user, "name"));
        if (name == null && Json.text(user, "slug") == null) {
            throw new InvalidRawEventException("Data Center user " + id + " has no name or slug");
        }
        return new UserFacts(
                AssetIds.server(envelope.getBaseUrl(), id),
                ServiceType.SERVER,
                envelope.getBaseUrl(),
                null,
                name != null ? name : Json.text(user, "slug"),
                Json.blankToNull(Json.text(user, "displayName")),
                Json.blankToNull(Json.text(user, "emailAddress")),
                Json.bool(user, "active"),
                Json.blankToNull(Json.text(user, "type")));
    }
}
