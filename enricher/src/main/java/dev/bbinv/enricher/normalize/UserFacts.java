package dev.bbinv.enricher.normalize;

import dev.bbinv.schemas.avro.ServiceType;

/** What Bitbucket says about one user, in one shape for Cloud accounts and Data Center users. */
public record UserFacts(
        String assetId,
        ServiceType serviceType,
        String baseUrl,
        String accountId,
        String username,
        String displayName,
        String email,
        Boolean active,
        String userType) {
}
